package dev.llmring.lockfile;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds key-shaped text. Known shapes: {@code sk-…} (OpenAI, Anthropic {@code sk-ant-…}), Stripe-style
 * {@code sk_live_…}, Google {@code AIza…}, {@code xai-…}, {@code gsk_…}, {@code hf_…}, GitHub and GitLab tokens,
 * AWS access key ids, Slack tokens, JWTs, {@code Bearer <token>}, PEM private keys. Anything else is flagged when
 * it contains a run of letters and digits with at least two of each and a character entropy of at least 3.3 bits
 * per character that is either 20 or more long with upper case, lower case and digits, or 32 or more long;
 * 40-character lowercase hex (a commit id) is let through. Model names never trip this: their letter-digit runs
 * are short words and dates ({@code claude-sonnet-4-5-20250929}).
 *
 * <p>A {@link Hit} says what shape was seen and where, never the text itself.
 */
final class SecretScanner {
    /** What was seen (safe to print) and at which index of the scanned text. */
    record Hit(String kind, int index) {}

    private static final String START = "(?<![A-Za-z0-9])";
    private static final List<Shape> SHAPES = List.of(
            new Shape("an API key (sk-... shape)", START + "sk-[A-Za-z0-9_-]{16,}"),
            new Shape("an API key (sk_live_/sk_test_ shape)", START + "[rps]k_(?:live|test)_[A-Za-z0-9]{12,}"),
            new Shape("a Google API key (AIza... shape)", START + "AIza[0-9A-Za-z_-]{30,}"),
            new Shape(
                    "an API token", START + "(?:xai|gsk|hf|ghp|gho|ghu|ghs|ghr|glpat|github_pat)[-_][A-Za-z0-9_]{20,}"),
            new Shape("an AWS access key id", START + "(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])"),
            new Shape("a Slack token", START + "xox[abposr]-[A-Za-z0-9-]{10,}"),
            new Shape("a bearer token", "(?i)" + START + "bearer\\s+[A-Za-z0-9._~+/=-]{16,}"),
            new Shape("a private key", "-----BEGIN [A-Z ]*PRIVATE KEY-----"));
    private static final Pattern ALNUM_RUN = Pattern.compile("[A-Za-z0-9]{20,}");
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{40}");

    private SecretScanner() {}

    static @Nullable Hit find(String text) {
        Hit first = null;
        for (Shape shape : SHAPES) {
            Matcher m = shape.pattern.matcher(text);
            if (m.find() && (first == null || m.start() < first.index())) {
                first = new Hit(shape.kind, m.start());
            }
        }
        int jwt = findJwt(text);
        if (jwt >= 0 && (first == null || jwt < first.index())) {
            first = new Hit("a JSON Web Token", jwt);
        }
        Matcher run = ALNUM_RUN.matcher(text);
        while (run.find() && (first == null || run.start() < first.index())) {
            if (looksRandom(run.group())) {
                first = new Hit("a high-entropy token (API key or password?)", run.start());
                break;
            }
        }
        return first;
    }

    /**
     * The start of the first JSON Web Token shape ({@code eyJ} and three dot-separated segments of at least 8
     * base64url characters, not preceded by a letter or digit), or -1. A scan rather than a regular expression:
     * the expression backtracked from every {@code eyJ} to the end of a long run, quadratic in the run's length.
     * Every start inside one run of base64url characters ends its first segment where the run ends, so after a
     * failed start the search goes on from there.
     */
    static int findJwt(String text) {
        int from = 0;
        while (true) {
            int at = text.indexOf("eyJ", from);
            if (at < 0) return -1;
            if (at > 0 && isAlnum(text.charAt(at - 1))) {
                from = at + 1;
                continue;
            }
            int firstEnd = segmentEnd(text, at + 3);
            if (firstEnd - at - 3 >= 8 && jwtTail(text, firstEnd)) return at;
            from = Math.max(at + 1, firstEnd);
        }
    }

    /** Whether two more segments of at least 8 characters follow, each after a dot, from {@code at}. */
    private static boolean jwtTail(String text, int at) {
        int i = at;
        for (int segment = 0; segment < 2; segment++) {
            if (i >= text.length() || text.charAt(i) != '.') return false;
            int end = segmentEnd(text, i + 1);
            if (end - i - 1 < 8) return false;
            i = end;
        }
        return true;
    }

    private static int segmentEnd(String text, int from) {
        int i = from;
        while (i < text.length() && (isAlnum(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '-')) i++;
        return i;
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    static boolean looksRandom(String run) {
        if (COMMIT_ID.matcher(run).matches()) {
            return false;
        }
        int digits = 0;
        int letters = 0;
        boolean upper = false;
        boolean lower = false;
        int[] counts = new int[128];
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            counts[c]++;
            if (c >= '0' && c <= '9') {
                digits++;
            } else {
                letters++;
                upper |= c <= 'Z';
                lower |= c >= 'a';
            }
        }
        if (digits < 2 || letters < 2 || (run.length() < 32 && !(upper && lower))) {
            return false;
        }
        double entropy = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / run.length();
                entropy -= p * Math.log(p) / Math.log(2);
            }
        }
        return entropy >= 3.3;
    }

    private static final class Shape {
        final String kind;
        final Pattern pattern;

        Shape(String kind, String regex) {
            this.kind = kind;
            this.pattern = Pattern.compile(regex);
        }
    }
}
