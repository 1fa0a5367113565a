package dev.vscmirror.config;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for configuration values. Each throws {@link IllegalArgumentException} whose message is what was
 * expected (e.g. {@code "a duration like 30s, 2m or 500ms"}); the loader adds the key, the value and its source.
 */
public final class ValueParsers {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private ValueParsers() {}

    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 7d} or ISO-8601 ({@code PT30S}). */
    public static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms": return Duration.ofMillis(n);
                case "s": return Duration.ofSeconds(n);
                case "m": return Duration.ofMinutes(n);
                case "h": return Duration.ofHours(n);
                default: return Duration.ofDays(n);
            }
        }
        if (t.startsWith("pt") || t.startsWith("p")) {
            try {
                return Duration.parse(text.trim());
            } catch (DateTimeParseException e) {
                // fall through to the common message
            }
        }
        throw new IllegalArgumentException("a duration like 500ms, 30s, 2m, 1h or 7d");
    }

    /** Bytes: a plain number, or with a unit: {@code KiB}/{@code MiB}/{@code GiB} (also K, M, G) or SI KB/MB/GB. */
    public static long size(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || m.group(1).length() > 15) {
            throw new IllegalArgumentException("a size in bytes like 8192, 8KiB or 1MiB");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        switch (unit) {
            case "b": return n;
            case "k": case "kib": return n << 10;
            case "kb": return n * 1000;
            case "m": case "mib": return n << 20;
            case "mb": return n * 1000_000;
            case "g": case "gib": return n << 30;
            default: return n * 1000_000_000L;
        }
    }

    /** An integer in {@code [min, max]}. */
    public static long integer(String text, long min, long max) {
        String expected = "a whole number from " + min + " to " + max;
        try {
            long v = Long.parseLong(text.trim());
            if (v < min || v > max) {
                throw new IllegalArgumentException(expected);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(expected);
        }
    }

    /** {@code HOST:PORT} (IPv6 as {@code [::1]:PORT}). */
    public static HostPort hostPort(String text) {
        try {
            return HostPort.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HOST:PORT with a port from 0 to 65535, e.g. 127.0.0.1:8443");
        }
    }

    /** A DNS name (IDNA names are converted to their ASCII form), lower-cased. */
    public static String hostName(String text) {
        String expected = "a DNS host name like marketplace.visualstudio.com";
        String ascii;
        try {
            ascii = IDN.toASCII(text.trim(), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(expected);
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        if (ascii.isEmpty() || ascii.length() > 253) {
            throw new IllegalArgumentException(expected);
        }
        for (String label : ascii.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException(expected);
            }
        }
        return ascii;
    }

    /** An exact host name or {@code *.domain}, normalised (ASCII, lower case). */
    public static String hostPattern(String text) {
        String t = text.trim();
        try {
            if (t.startsWith("*.")) {
                return "*." + hostName(t.substring(2));
            }
            return hostName(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a host name or *.domain pattern, e.g. *.gallery.vsassets.io");
        }
    }

    /** An absolute {@code http://} or {@code https://} URL with a host. */
    public static URI httpUrl(String text, boolean allowHttps) {
        String expected = allowHttps ? "an absolute http:// or https:// URL, e.g. https://mirror.example"
                : "an http:// URL, e.g. http://proxy.example:3128";
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean schemeOk = scheme.equals("http") || (allowHttps && scheme.equals("https"));
            if (!schemeOk || uri.getHost() == null) {
                throw new IllegalArgumentException(expected);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(expected);
        }
    }

    /** An enum constant by its name, case-insensitive, with {@code -} and {@code _} interchangeable. */
    public static <E extends Enum<E>> E enumValue(String text, Class<E> type) {
        String wanted = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        StringBuilder names = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(wanted)) {
                return e;
            }
            names.append(names.length() == 0 ? "" : ", ").append(enumText(e));
        }
        throw new IllegalArgumentException("one of " + names);
    }

    /** How an enum constant is written in configuration: lower case with dashes ({@code mirror-hosts}). */
    public static String enumText(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Renders a duration the way the parser reads it back ({@code 90d}, {@code 30s}, {@code 250ms}). */
    public static String durationText(Duration d) {
        long ms = d.toMillis();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (ms != 0 && ms % units[i] == 0) {
                return ms / units[i] + names[i];
            }
        }
        return ms + "ms";
    }

    /** Renders a size as KiB/MiB/GiB when exact, else as bytes. */
    public static String sizeText(long bytes) {
        if (bytes != 0 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "GiB";
        }
        if (bytes != 0 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "MiB";
        }
        if (bytes != 0 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + "KiB";
        }
        return Long.toString(bytes);
    }
}
