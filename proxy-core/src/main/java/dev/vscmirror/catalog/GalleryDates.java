package dev.vscmirror.catalog;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Parses the Marketplace's ISO-8601 dates ({@code lastUpdated}, {@code publishedDate}, {@code releaseDate}). */
final class GalleryDates {
    private GalleryDates() {
    }

    /** @return epoch millis, or 0 when absent or unparsable (such entries sort last by date) */
    static long millis(String iso) {
        if (iso == null || iso.isEmpty()) {
            return 0;
        }
        try {
            return Instant.parse(iso).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                return 0;
            }
        }
    }
}
