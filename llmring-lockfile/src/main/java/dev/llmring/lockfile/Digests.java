package dev.llmring.lockfile;

import dev.llmring.lockfile.internal.Jcs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The semantic content of a lockfile as JSON, and its SHA-256. Covered: {@code default_profile}, the extends
 * packages (sorted), and per profile its bindings (keyed by alias: models in pool order, constraints when
 * non-empty) and registry versions. Not covered: {@code version}, timestamps, metadata, unknown keys, binding and
 * profile order, the file format and its layout.
 */
final class Digests {
    private Digests() {}

    static Map<String, Object> semanticContent(LockfileContent c) {
        Map<String, Object> profiles = new LinkedHashMap<>();
        for (Profile profile : c.profiles().values()) {
            Map<String, Object> bindings = new LinkedHashMap<>();
            for (Binding binding : profile.bindings()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                List<String> models = new ArrayList<>();
                for (ModelRef ref : binding.models()) models.add(ref.toString());
                entry.put("models", models);
                if (!binding.constraints().isEmpty()) {
                    entry.put("constraints", FreeForm.jsonView(binding.constraints()));
                }
                bindings.put(binding.alias(), entry);
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("bindings", bindings);
            p.put("registry_versions", new LinkedHashMap<>(profile.registryVersions()));
            profiles.put(profile.name(), p);
        }
        List<String> packages = new ArrayList<>(c.extendsPackages());
        packages.sort(null);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("default_profile", c.defaultProfile());
        root.put("extends", packages);
        root.put("profiles", profiles);
        return root;
    }

    static String canonical(LockfileContent c) {
        return Jcs.canonicalizeValue(semanticContent(c));
    }

    static String sha256Hex(LockfileContent c) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical(c).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
