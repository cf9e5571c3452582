package dev.llmring.batch;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A temporary directory and a loopback OpenAI answering "fine", per test. */
abstract class BatchTestBase {
    @TempDir
    Path dir;

    final FakeOpenAi server = new FakeOpenAi().answers();

    @AfterEach
    final void stopServer() {
        server.close();
    }

    final Path out() {
        return dir.resolve("out.jsonl");
    }
}
