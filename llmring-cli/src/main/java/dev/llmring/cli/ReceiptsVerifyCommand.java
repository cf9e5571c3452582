package dev.llmring.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.receipts.Receipt;
import dev.llmring.receipts.ReceiptKeySet;
import dev.llmring.receipts.ReceiptVerificationException;
import dev.llmring.receipts.ReceiptVerifier;
import dev.llmring.receipts.VerificationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmring receipts verify FILE}: check receipt signatures, offline with pinned keys. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Verify the Ed25519 signatures of receipts.",
            "FILE holds one receipt (a JSON object), an array of them, or JSON lines; '-' reads standard input."
                    + " Keys come from --keys (offline; the server's public-keys.json format) or are fetched from"
                    + " --server / LLMRING_SERVER_URL.",
            "Exit status 1 when any receipt does not verify."
        })
final class ReceiptsVerifyCommand implements Callable<Integer> {
    static final String SERVER_ENV = "LLMRING_SERVER_URL";

    @Spec
    @Nullable
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The receipts, or - for standard input.")
    String file = "";

    @Option(names = "--keys", paramLabel = "FILE", description = "The public keys (public-keys.json).")
    @Nullable
    Path keys;

    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "Fetch the keys from this llmring server (https; default: LLMRING_SERVER_URL).")
    @Nullable
    String server;

    private final Session session;

    ReceiptsVerifyCommand(Session session) {
        this.session = session;
    }

    /** The outcome for one receipt. */
    private record Checked(ReceiptFile.Entry entry, @Nullable Receipt receipt, VerificationResult result) {}

    @Override
    public Integer call() {
        ReceiptVerifier verifier = verifier();
        String name = file.equals("-") ? "(stdin)" : file;
        List<Checked> checked = new ArrayList<>();
        for (ReceiptFile.Entry entry : ReceiptFile.split(read(), name)) {
            VerificationResult result = verifier.verify(entry.text());
            checked.add(new Checked(entry, parsed(entry.text()), result));
        }
        long invalid = checked.stream().filter(c -> !c.result().isValid()).count();
        if (session.json()) {
            ObjectNode out = session.object();
            out.put("file", name);
            out.put("valid", invalid == 0);
            out.put("valid_count", checked.size() - invalid);
            out.put("invalid_count", invalid);
            var list = out.putArray("receipts");
            for (Checked c : checked) {
                ObjectNode node = list.addObject();
                node.put("index", c.entry().index());
                node.put("line", c.entry().line());
                node.put("receipt_id", c.receipt() == null ? null : c.receipt().receiptId());
                node.put("valid", c.result().isValid());
                node.put(
                        "failure",
                        c.result()
                                .failure()
                                .map(f -> f.name().toLowerCase(Locale.ROOT))
                                .orElse(null));
                node.put("message", c.result().message());
                node.put("key_id", c.result().keyId().orElse(null));
                if (c.receipt() != null && c.result().isValid()) {
                    node.put("alias", c.receipt().alias());
                    node.put("profile", c.receipt().profile());
                    node.put("model", c.receipt().provider() + ":" + c.receipt().model());
                    node.put("total_cost", c.receipt().totalCost());
                }
            }
            session.printJson(out);
        } else {
            var out = session.out();
            for (Checked c : checked) {
                String id = c.receipt() != null
                        ? c.receipt().receiptId()
                        : "receipt " + (c.entry().index() + 1) + " (line "
                                + c.entry().line() + ")";
                if (c.result().isValid()) {
                    Receipt r = c.receipt();
                    out.println("valid    " + id + "  key " + c.result().keyId().orElse("-")
                            + (r == null
                                    ? ""
                                    : "  " + r.alias() + "@" + r.profile() + "  " + r.provider() + ":" + r.model()
                                            + "  $" + r.totalCost().toPlainString()));
                } else {
                    out.println("INVALID  " + id + "  "
                            + c.result().failure().map(Enum::name).orElse("") + ": "
                            + c.result().message());
                }
            }
            out.println(checked.size() + " receipt" + (checked.size() == 1 ? "" : "s") + ": "
                    + (checked.size() - invalid) + " valid, " + invalid + " invalid");
        }
        return invalid == 0 ? ExitCodes.OK : ExitCodes.FINDING;
    }

    private ReceiptVerifier verifier() {
        if (keys != null) {
            Path path = session.context().workingDirectory.resolve(keys);
            try {
                return ReceiptVerifier.builder()
                        .keys(ReceiptKeySet.load(path))
                        .clock(session.context().clock)
                        .build();
            } catch (IllegalArgumentException | UncheckedIOException | ReceiptVerificationException e) {
                throw new CliFailure(path + ": " + e.getMessage());
            }
        }
        String url = server != null ? server : session.context().env(SERVER_ENV);
        if (url == null) {
            throw usage("give the public keys with --keys FILE, or a server with --server URL or " + SERVER_ENV);
        }
        try {
            return ReceiptVerifier.builder()
                    .keysFromServer(URI.create(url.strip()))
                    .clock(session.context().clock)
                    .build();
        } catch (IllegalArgumentException e) {
            throw server != null ? usage(e.getMessage()) : new CliFailure(SERVER_ENV + ": " + e.getMessage());
        }
    }

    private String read() {
        try {
            if (file.equals("-")) return new String(session.context().in.readAllBytes(), StandardCharsets.UTF_8);
            return Files.readString(session.context().workingDirectory.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliFailure("cannot read " + file + ": " + e);
        }
    }

    private static @Nullable Receipt parsed(String text) {
        try {
            return Receipt.parse(text);
        } catch (ReceiptVerificationException e) {
            return null;
        }
    }

    private ParameterException usage(String message) {
        if (spec == null) throw new IllegalStateException(message);
        return new ParameterException(spec.commandLine(), message);
    }
}
