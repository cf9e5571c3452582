package dev.llmring.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Self-signed test certificates made at test time with the running JDK's own {@code keytool}. */
public final class Keytool {
    private Keytool() {}

    /**
     * A PKCS12 store at {@code file} holding one EC key pair, alias {@code server}, for {@code CN=cn} with the
     * subject alternative name {@code san} (e.g. {@code dns:images.test}, {@code ip:127.0.0.1}), valid two days.
     */
    public static KeyStore generate(Path file, String cn, String san, char[] password) throws Exception {
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String pass = new String(password);
        Process process = new ProcessBuilder(List.of(
                        keytool,
                        "-genkeypair",
                        "-noprompt",
                        "-alias",
                        "server",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=" + cn,
                        "-ext",
                        "SAN=" + san,
                        "-validity",
                        "2",
                        "-keystore",
                        file.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass",
                        pass,
                        "-keypass",
                        pass))
                .redirectErrorStream(true)
                .start();
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }
}
