package dev.llmring.cli;

import dev.llmring.lockfile.Lockfile;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code llmring lock digest}: the lockfile's digest. */
@Command(
        name = "digest",
        mixinStandardHelpOptions = true,
        description = {
            "Print the lockfile's digest.",
            "SHA-256 (hex) of the canonical JSON of what the lockfile binds. Timestamps, metadata, order and"
                    + " format do not change it."
        })
final class LockDigestCommand implements Callable<Integer> {
    private final Session session;

    LockDigestCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        Lockfile lock = session.lockfile();
        if (session.json()) {
            session.printJson(
                    session.object().put("lockfile", Session.source(lock)).put("digest", lock.digest()));
        } else {
            session.out().println(lock.digest());
        }
        return ExitCodes.OK;
    }
}
