package dev.vscmirror.accesslog;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Formats one {@link AccessLogEntry} as a Combined Log Format line followed by listener, host, outcome and
 * milliseconds, e.g.
 * {@code 10.0.0.7 - - [05/Dec/2026:06:16:18 +0000] "GET /api/update/linux-x64/stable/abc?u=*** HTTP/1.1" 204 - "-"
 * "Code/1.95" tls update.code.visualstudio.com hit 3}. Quoted fields escape {@code "}, {@code \} and control
 * characters (as {@code \xHH}), so a line is always one line.
 */
public final class AccessLogFormat {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private AccessLogFormat() {}

    /** The line for {@code e}, without a line terminator. */
    public static String format(AccessLogEntry e) {
        StringBuilder b = new StringBuilder(160);
        token(b, e.client()).append(" - - [").append(TIME.format(e.time())).append("] \"");
        escaped(b, e.method() == null ? "-" : e.method()).append(' ');
        escaped(b, e.target() == null ? "-" : Redactor.target(e.target())).append(' ');
        escaped(b, e.protocol() == null ? "HTTP/1.1" : e.protocol()).append("\" ");
        b.append(e.status()).append(' ').append(e.bytes() > 0 ? Long.toString(e.bytes()) : "-").append(" \"");
        escaped(b, e.referer() == null ? "-" : Redactor.target(e.referer())).append("\" \"");
        escaped(b, e.userAgent() == null ? "-" : e.userAgent()).append("\" ");
        token(b, e.listener()).append(' ');
        token(b, e.host()).append(' ');
        token(b, e.outcome()).append(' ').append(e.millis());
        return b.toString();
    }

    private static StringBuilder token(StringBuilder b, String value) {
        if (value == null || value.isEmpty()) {
            return b.append('-');
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            b.append(c <= ' ' || c == '"' || c == 0x7f ? '_' : c);
        }
        return b;
    }

    private static StringBuilder escaped(StringBuilder b, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b;
    }
}
