package dev.vscmirror.catalog;

import java.util.List;

/**
 * One extension of the catalog: what the query engine filters and sorts on, and the recorded JSON fragments it
 * writes (protocol §2.4). Immutable; {@link #versions} newest first.
 *
 * @param id                  lower-case {@code publisher.name}
 * @param publisherName       publisher name as recorded
 * @param extensionName       extension name as recorded
 * @param uuid                lower-case {@code extensionId}, or "" when unknown
 * @param displayName         display name ("" when absent)
 * @param publisherDisplayName the publisher's display name ("" when absent)
 * @param shortDescription    short description ("" when absent)
 * @param flagBits            the extension's {@code flags} as Marketplace PublishedFlags bits
 * @param featured            true when the recorded flags contain {@code featured}
 * @param stats               install count, ratings, trending values
 * @param lastUpdated         epoch millis, 0 when unknown
 * @param publishedDate       epoch millis, 0 when unknown
 * @param releaseDate         epoch millis, 0 when unknown
 * @param categories          lower-case categories
 * @param tags                lower-case tags
 * @param installationTargets lower-case targets, empty when not recorded
 * @param fragments           recorded JSON fragments
 * @param versions            recorded versions, newest first
 */
public record ExtensionEntry(String id, String publisherName, String extensionName, String uuid, String displayName,
        String publisherDisplayName, String shortDescription, long flagBits, boolean featured, Stats stats,
        long lastUpdated, long publishedDate, long releaseDate, List<String> categories, List<String> tags,
        List<String> installationTargets, Fragments fragments, List<VersionEntry> versions) {

    /** Statistics used for sorting (protocol §2.4 {@code statistics[]}); 0 when not recorded. */
    public record Stats(double installs, double averageRating, double weightedRating, double trendingDaily,
            double trendingWeekly, double trendingMonthly) {
        public static final Stats NONE = new Stats(0, 0, 0, 0, 0, 0);
    }

    /**
     * JSON fragments as recorded; null when not recorded.
     *
     * @param core                the extension object without versions/statistics/categories/tags/installationTargets
     *                            (compact JSON object)
     * @param statistics          the {@code statistics} array
     * @param categories          the {@code categories} array
     * @param tags                the {@code tags} array
     * @param installationTargets the {@code installationTargets} array
     */
    public record Fragments(byte[] core, byte[] statistics, byte[] categories, byte[] tags,
            byte[] installationTargets) {
    }
}
