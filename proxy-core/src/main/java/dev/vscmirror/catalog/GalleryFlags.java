package dev.vscmirror.catalog;

import java.util.Locale;
import java.util.Map;

/**
 * The Marketplace's extension {@code flags} string ({@code "validated, public"}, protocol §2.4) as PublishedFlags
 * bits, so the ExcludeWithFlags criterion (filter type 12, value {@code "4096"} = Unpublished, protocol §2.1) can be
 * applied.
 */
public final class GalleryFlags {
    /** PublishedFlags bit of "validated". */
    public static final long VALIDATED = 4;
    /** PublishedFlags bit of "unpublished". */
    public static final long UNPUBLISHED = 4096;

    private static final Map<String, Long> BITS = Map.ofEntries(
            Map.entry("disabled", 1L), Map.entry("builtin", 2L), Map.entry("validated", VALIDATED),
            Map.entry("trusted", 8L), Map.entry("paid", 16L), Map.entry("public", 256L),
            Map.entry("multiversion", 512L), Map.entry("system", 1024L), Map.entry("preview", 2048L),
            Map.entry("unpublished", UNPUBLISHED), Map.entry("trial", 8192L), Map.entry("locked", 16384L),
            Map.entry("hidden", 32768L));

    private GalleryFlags() {
    }

    /** @return the PublishedFlags bits named in a flags string; unknown words are ignored */
    public static long publishedFlags(String flags) {
        long bits = 0;
        if (flags == null) {
            return 0;
        }
        for (String word : flags.split("[,\\s]+")) {
            Long b = BITS.get(word.toLowerCase(Locale.ROOT));
            if (b != null) {
                bits |= b;
            }
        }
        return bits;
    }

    /** @return true when the comma-separated flags string contains the word (case-insensitive) */
    public static boolean hasWord(String flags, String word) {
        if (flags == null) {
            return false;
        }
        for (String w : flags.split("[,\\s]+")) {
            if (w.equalsIgnoreCase(word)) {
                return true;
            }
        }
        return false;
    }
}
