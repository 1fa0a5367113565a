package dev.vscmirror.server;

import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Date;

/**
 * Conditional requests against a recorded answer's validators (RFC 9110 §13): {@code If-None-Match} (weak
 * comparison), {@code If-Modified-Since} (only without {@code If-None-Match}) and {@code If-Range} (strong).
 * Only answers that carried {@code ETag}/{@code Last-Modified} when recorded can be not-modified (protocol §6.3).
 */
public final class Validators {
    private Validators() {
    }

    /** True when the client's cached copy is current and a 304 is the right answer. */
    public static boolean notModified(HttpHeaders request, HttpHeaders recorded) {
        String etag = recorded.get(HttpHeaderNames.ETAG);
        String ifNoneMatch = request.get(HttpHeaderNames.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            return etag != null && anyTagMatches(ifNoneMatch, etag);
        }
        String ifModifiedSince = request.get(HttpHeaderNames.IF_MODIFIED_SINCE);
        Date lastModified = date(recorded.get(HttpHeaderNames.LAST_MODIFIED));
        Date since = date(ifModifiedSince);
        return lastModified != null && since != null && !lastModified.after(since);
    }

    /** True when a {@code Range} may be honoured: no {@code If-Range}, or it matches the recorded validator. */
    public static boolean rangeApplies(HttpHeaders request, HttpHeaders recorded) {
        String ifRange = request.get(HttpHeaderNames.IF_RANGE);
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.trim();
        if (v.startsWith("\"") || v.startsWith("W/")) {
            String etag = recorded.get(HttpHeaderNames.ETAG);
            return etag != null && !v.startsWith("W/") && !etag.startsWith("W/") && v.equals(etag.trim());
        }
        String lastModified = recorded.get(HttpHeaderNames.LAST_MODIFIED);
        Date a = date(v);
        Date b = date(lastModified);
        return a != null && a.equals(b);
    }

    private static boolean anyTagMatches(String ifNoneMatch, String etag) {
        String mine = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || opaque(c).equals(mine)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        String t = tag.trim();
        return t.startsWith("W/") ? t.substring(2) : t;
    }

    private static Date date(String value) {
        return value == null ? null : DateFormatter.parseHttpDate(value);
    }
}
