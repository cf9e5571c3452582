package dev.llmring.lockfile;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The TOML 1.0 values that are bare words: booleans, integers (decimal, hex, octal, binary; 64-bit), floats
 * (fraction, exponent, inf, nan) and the four date-times, as the {@code java.time} types tomlj gave. Each is read as
 * one token of the characters those forms use and then checked by hand, character by character.
 */
final class TomlScalars {
    private final TomlLexer in;

    TomlScalars(TomlLexer in) {
        this.in = in;
    }

    /** A value that is neither string, array nor inline table, as a scalar node at the given place. */
    Node read(int atLine, int atColumn) {
        int start = in.pos;
        while (isTokenChar(in.peek())) in.pos++;
        if (in.pos - start == 10 && in.peek() == ' ' && isTime(in.pos + 1)) { // "1979-05-27 07:32:00": space for T
            in.pos++;
            while (isTokenChar(in.peek())) in.pos++;
        }
        String token = in.text.substring(start, in.pos);
        if (token.isEmpty()) throw in.error("expected a value, found " + in.found());
        int col = in.column() - (in.pos - start);
        if (token.equals("true") || token.equals("false")) {
            return Node.scalar(Node.Kind.BOOLEAN, Boolean.valueOf(token), atLine, atColumn);
        }
        if (isDigits(token, 0, 4) && token.length() > 4 && token.charAt(4) == '-'
                || isDigits(token, 0, 2) && token.length() > 2 && token.charAt(2) == ':') {
            return Node.scalar(Node.Kind.DATETIME, dateTime(token, col), atLine, atColumn);
        }
        return number(token, col, atLine, atColumn);
    }

    private static boolean isTokenChar(int c) {
        return TomlLexer.isBareKeyChar(c) || c == '+' || c == '.' || c == ':';
    }

    private boolean isTime(int at) {
        return at + 2 < in.text.length() && isDigits(in.text, at, at + 2) && in.text.charAt(at + 2) == ':';
    }

    private static boolean isDigits(String s, int from, int to) {
        if (to > s.length()) return false;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return true;
    }

    private Object dateTime(String token, int col) {
        try {
            int i = 0;
            LocalDate date = null;
            if (token.length() > 4 && token.charAt(4) == '-') {
                if (token.length() < 10
                        || !isDigits(token, 5, 7)
                        || token.charAt(7) != '-'
                        || !isDigits(token, 8, 10)) {
                    throw badDateTime(token, col);
                }
                date = LocalDate.of(num(token, 0, 4), num(token, 5, 7), num(token, 8, 10));
                if (token.length() == 10) return date;
                char t = token.charAt(10);
                if (t != 'T' && t != 't' && t != ' ') throw badDateTime(token, col);
                i = 11;
            }
            if (token.length() < i + 8
                    || !isDigits(token, i, i + 2)
                    || token.charAt(i + 2) != ':'
                    || !isDigits(token, i + 3, i + 5)
                    || token.charAt(i + 5) != ':'
                    || !isDigits(token, i + 6, i + 8)) {
                throw badDateTime(token, col);
            }
            int hour = num(token, i, i + 2);
            int minute = num(token, i + 3, i + 5);
            int second = num(token, i + 6, i + 8);
            i += 8;
            int nanos = 0;
            if (i < token.length() && token.charAt(i) == '.') {
                int from = ++i;
                while (i < token.length() && token.charAt(i) >= '0' && token.charAt(i) <= '9') i++;
                if (i == from) throw badDateTime(token, col);
                for (int k = 0; k < 9; k++) {
                    nanos = nanos * 10 + (from + k < i ? token.charAt(from + k) - '0' : 0); // beyond 9 digits: cut
                }
            }
            LocalTime time = LocalTime.of(hour, minute, second, nanos);
            if (i == token.length()) return date == null ? time : LocalDateTime.of(date, time);
            if (date == null) throw badDateTime(token, col); // a time of day has no offset
            ZoneOffset offset;
            char o = token.charAt(i);
            if ((o == 'Z' || o == 'z') && i + 1 == token.length()) {
                offset = ZoneOffset.UTC;
            } else if ((o == '+' || o == '-')
                    && token.length() == i + 6
                    && isDigits(token, i + 1, i + 3)
                    && token.charAt(i + 3) == ':'
                    && isDigits(token, i + 4, i + 6)) {
                int h = num(token, i + 1, i + 3);
                int m = num(token, i + 4, i + 6);
                if (m > 59) throw badDateTime(token, col);
                offset = ZoneOffset.ofHoursMinutes(o == '-' ? -h : h, o == '-' ? -m : m);
            } else {
                throw badDateTime(token, col);
            }
            return OffsetDateTime.of(date, time, offset);
        } catch (DateTimeException e) {
            throw in.error("invalid date-time '" + token + "' (" + e.getMessage() + ")", in.line, col);
        }
    }

    private static int num(String s, int from, int to) {
        return Integer.parseInt(s, from, to, 10);
    }

    private LockfileException badDateTime(String token, int col) {
        return in.error("invalid date-time '" + token + "'", in.line, col);
    }

    private Node number(String token, int col, int atLine, int atColumn) {
        int i = 0;
        boolean negative = false;
        if (token.charAt(0) == '+' || token.charAt(0) == '-') {
            negative = token.charAt(0) == '-';
            i = 1;
        }
        String rest = token.substring(i);
        if (rest.equals("inf") || rest.equals("nan")) {
            double d = rest.equals("nan") ? Double.NaN : negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return Node.scalar(Node.Kind.FLOAT, d, atLine, atColumn);
        }
        if (i == 0 && token.length() > 2 && token.charAt(0) == '0' && "xob".indexOf(token.charAt(1)) >= 0) {
            int radix = token.charAt(1) == 'x' ? 16 : token.charAt(1) == 'o' ? 8 : 2;
            StringBuilder digits = new StringBuilder();
            if (digitRun(token, 2, radix, digits) != token.length()) throw badNumber(token, col);
            return Node.scalar(Node.Kind.INTEGER, parseLong(digits.toString(), radix, token, col), atLine, atColumn);
        }
        StringBuilder clean = new StringBuilder(negative ? "-" : "");
        int intStart = i;
        i = digitRun(token, i, 10, clean);
        if (i == intStart || (token.charAt(intStart) == '0' && i - intStart > 1)) throw badNumber(token, col);
        boolean isFloat = false;
        if (i < token.length() && token.charAt(i) == '.') {
            clean.append('.');
            int from = i + 1;
            i = digitRun(token, from, 10, clean);
            if (i == from) throw badNumber(token, col);
            isFloat = true;
        }
        if (i < token.length() && (token.charAt(i) == 'e' || token.charAt(i) == 'E')) {
            clean.append('e');
            i++;
            if (i < token.length() && (token.charAt(i) == '+' || token.charAt(i) == '-'))
                clean.append(token.charAt(i++));
            int from = i;
            i = digitRun(token, from, 10, clean);
            if (i == from) throw badNumber(token, col);
            isFloat = true;
        }
        if (i != token.length()) throw badNumber(token, col);
        if (isFloat) {
            double d = Double.parseDouble(clean.toString());
            if (Double.isInfinite(d)) throw in.error("float '" + token + "' is too large", in.line, col);
            if (d == 0 && nonZero(clean)) throw in.error("float '" + token + "' is too small", in.line, col);
            return Node.scalar(Node.Kind.FLOAT, d, atLine, atColumn);
        }
        return Node.scalar(Node.Kind.INTEGER, parseLong(clean.toString(), 10, token, col), atLine, atColumn);
    }

    /** Whether the digits before the exponent are not all zero. */
    private static boolean nonZero(CharSequence number) {
        for (int i = 0; i < number.length() && number.charAt(i) != 'e'; i++) {
            if (number.charAt(i) >= '1' && number.charAt(i) <= '9') return true;
        }
        return false;
    }

    /** Digits of the radix from {@code from}, each underscore between two digits; returns where the run ends. */
    private static int digitRun(String token, int from, int radix, StringBuilder out) {
        int i = from;
        while (i < token.length()) {
            char c = token.charAt(i);
            if (Character.digit(c, radix) >= 0 && c < 0x80) {
                out.append(c);
                i++;
            } else if (c == '_'
                    && i > from
                    && i + 1 < token.length()
                    && Character.digit(token.charAt(i + 1), radix) >= 0
                    && token.charAt(i + 1) < 0x80) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private long parseLong(String digits, int radix, String token, int col) {
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            throw in.error("integer '" + token + "' does not fit in 64 bits", in.line, col);
        }
    }

    private LockfileException badNumber(String token, int col) {
        return in.error("invalid value '" + token + "'", in.line, col);
    }
}
