package dev.llmring.lockfile;

import java.util.regex.Pattern;

/** The naming rules for aliases, profiles, extends packages and providers. */
final class Names {
    /** A name: starts with a letter or digit, then letters, digits, {@code _ . -}; at most 128 characters. */
    static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.-]{0,127}";

    private static final Pattern NAME_PATTERN = Pattern.compile(NAME);
    /** An alias is a name, or {@code package:name} (a consumer's override of a package's alias). */
    private static final Pattern ALIAS_PATTERN = Pattern.compile(NAME + "(?::" + NAME + ")?");

    private Names() {}

    static boolean isName(String s) {
        return NAME_PATTERN.matcher(s).matches();
    }

    static boolean isAlias(String s) {
        return ALIAS_PATTERN.matcher(s).matches();
    }

    static String requireAlias(String alias) {
        if (!isAlias(alias)) {
            throw new IllegalArgumentException("Bad alias '" + printable(alias) + "': " + ALIAS_RULE);
        }
        return alias;
    }

    static String requireName(String what, String name) {
        if (!isName(name)) {
            throw new IllegalArgumentException("Bad " + what + " '" + printable(name) + "': " + NAME_RULE);
        }
        return name;
    }

    static final String NAME_RULE =
            "must start with a letter or digit and contain only letters, digits, '_', '.' and '-' (at most 128)";
    static final String ALIAS_RULE = NAME_RULE + ", optionally prefixed by 'package:'";

    /** The value with control characters made visible, cut to a readable length, for messages. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < 120; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() < s.length() ? out.append("...").toString() : out.toString();
    }
}
