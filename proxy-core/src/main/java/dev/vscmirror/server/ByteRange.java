package dev.vscmirror.server;

/**
 * A single byte range of a body of known size, parsed from a {@code Range} header (RFC 9110 §14.2). Multiple ranges
 * and malformed headers are ignored (the whole body is served, as RFC 9110 allows); a range that starts past the
 * end is unsatisfiable (416).
 *
 * @param first first byte offset (inclusive)
 * @param last  last byte offset (inclusive)
 */
public record ByteRange(long first, long last) {
    /** Marker for an unsatisfiable range. */
    public static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    public long length() {
        return last - first + 1;
    }

    /** {@code bytes first-last/size}. */
    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * Parses {@code header} against a body of {@code size} bytes.
     *
     * @return the range, {@link #UNSATISFIABLE}, or null when the header is absent, malformed or asks for several
     *         ranges (serve the whole body)
     */
    public static ByteRange parse(String header, long size) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) {
            return null;
        }
        String spec = h.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) {
                // suffix range: the last N bytes
                long n = Long.parseLong(b);
                if (n <= 0 || size == 0) {
                    return n < 0 ? null : UNSATISFIABLE;
                }
                return new ByteRange(Math.max(0, size - n), size - 1);
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Long.parseLong(b);
            if (first < 0 || !b.isEmpty() && last < first) {
                return null;
            }
            if (first >= size) {
                return UNSATISFIABLE;
            }
            return new ByteRange(first, Math.min(last, size - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
