package dev.vscmirror.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The criteria of one filter grouped by type: values of one type are alternatives (OR), different types must all
 * hold (AND), as with the Marketplace (protocol §2.1, e.g. several ExtensionId values in the batched update check,
 * each AND Target AND ExcludeWithFlags).
 */
final class FilterPlan {
    static final String VS_CODE = "microsoft.visualstudio.code";

    final Set<String> uuids = new HashSet<>();
    final Set<String> names = new HashSet<>();
    final List<String> orderedLookups = new ArrayList<>(); // ids and names as sent, for miss reporting
    final Set<String> categories = new HashSet<>();
    final Set<String> tags = new HashSet<>();
    final Set<String> displayNames = new HashSet<>();
    final Set<String> publishers = new HashSet<>();
    final Set<String> publisherDisplayNames = new HashSet<>();
    final Set<String> targets = new HashSet<>();
    final Set<String> targetPlatforms = new HashSet<>();
    final List<String> texts = new ArrayList<>();
    boolean featured;
    long excludeBits;
    long includeBits;
    boolean excludeNonValidated;
    boolean targetsVsCode;
    private boolean simple;

    static FilterPlan of(GalleryQuery.Filter filter, int flags) {
        FilterPlan p = new FilterPlan();
        p.excludeNonValidated = (flags & GalleryQuery.Flags.EXCLUDE_NON_VALIDATED) != 0;
        for (GalleryQuery.Criterion c : filter.criteria()) {
            String raw = c.value() == null ? "" : c.value().trim();
            String v = raw.toLowerCase(Locale.ROOT);
            switch (c.filterType()) {
                case GalleryQuery.FilterType.EXTENSION_ID -> {
                    p.uuids.add(v);
                    p.orderedLookups.add(raw);
                }
                case GalleryQuery.FilterType.EXTENSION_NAME -> {
                    p.names.add(v);
                    p.orderedLookups.add(raw);
                }
                case GalleryQuery.FilterType.SEARCH_TEXT -> {
                    if (!v.isEmpty()) {
                        p.texts.add(v);
                    }
                }
                case GalleryQuery.FilterType.CATEGORY -> p.categories.add(v);
                case GalleryQuery.FilterType.TAG -> p.tags.add(v);
                case GalleryQuery.FilterType.FEATURED -> p.featured = true;
                case GalleryQuery.FilterType.TARGET -> p.targets.add(v);
                case GalleryQuery.FilterType.EXCLUDE_WITH_FLAGS -> p.excludeBits |= parseBits(v);
                case GalleryQuery.FilterType.INCLUDE_WITH_FLAGS -> p.includeBits |= parseBits(v);
                case GalleryQuery.FilterType.DISPLAY_NAME -> p.displayNames.add(v);
                case GalleryQuery.FilterType.PUBLISHER_NAME -> p.publishers.add(v);
                case GalleryQuery.FilterType.PUBLISHER_DISPLAY_NAME -> p.publisherDisplayNames.add(v);
                case GalleryQuery.FilterType.TARGET_PLATFORM -> p.targetPlatforms.add(v);
                default -> {
                    // other Marketplace filter types (VS Code never sends them, protocol §2.2): no restriction
                }
            }
        }
        p.targetsVsCode = p.targets.stream().anyMatch(t -> t.startsWith(VS_CODE));
        p.simple = p.simple();
        return p;
    }

    /**
     * The same plan without the criterion of one type, for documents taken from that type's index (they satisfy it
     * already), so that the remaining checks may stay on primitives.
     */
    FilterPlan without(int filterType) {
        FilterPlan p = new FilterPlan();
        p.uuids.addAll(uuids);
        p.names.addAll(names);
        p.orderedLookups.addAll(orderedLookups);
        p.categories.addAll(categories);
        p.tags.addAll(tags);
        p.displayNames.addAll(displayNames);
        p.publishers.addAll(publishers);
        p.publisherDisplayNames.addAll(publisherDisplayNames);
        p.targets.addAll(targets);
        p.targetPlatforms.addAll(targetPlatforms);
        p.texts.addAll(texts);
        p.featured = featured;
        p.excludeBits = excludeBits;
        p.includeBits = includeBits;
        p.excludeNonValidated = excludeNonValidated;
        p.targetsVsCode = targetsVsCode;
        switch (filterType) {
            case GalleryQuery.FilterType.CATEGORY -> p.categories.clear();
            case GalleryQuery.FilterType.TAG -> p.tags.clear();
            case GalleryQuery.FilterType.PUBLISHER_NAME -> p.publishers.clear();
            default -> throw new IllegalArgumentException("filterType: " + filterType + " (expected 5, 1 or 18)");
        }
        p.simple = p.simple();
        return p;
    }

    boolean hasLookups() {
        return !uuids.isEmpty() || !names.isEmpty();
    }

    /**
     * True when only the criteria VS Code appends to every query remain (Target, ExcludeWithFlags, IncludeWithFlags,
     * the ExcludeNonValidated flag): {@link #matches(CatalogIndex, int)} then reads primitives only.
     */
    private boolean simple() {
        return !hasLookups() && categories.isEmpty() && tags.isEmpty() && !featured && displayNames.isEmpty()
                && publishers.isEmpty() && publisherDisplayNames.isEmpty() && targetPlatforms.isEmpty();
    }

    /** @return true when document {@code d} passes every criterion except the text search (checked separately) */
    boolean matches(CatalogIndex index, int d) {
        if (!simple) {
            return matches(index.docs[d], index.anyFeatured);
        }
        long bits = index.flagBits[d];
        if ((bits & excludeBits) != 0 || (includeBits != 0 && (bits & includeBits) == 0)) {
            return false;
        }
        if (excludeNonValidated && bits != 0 && (bits & GalleryFlags.VALIDATED) == 0) {
            return false;
        }
        return targets.isEmpty() || (index.hasTargets[d] ? matchesTarget(index.docs[d]) : targetsVsCode);
    }

    /** @return true when the extension passes every criterion except the text search (checked separately) */
    boolean matches(ExtensionEntry e, boolean anyFeatured) {
        if (hasLookups() && !uuids.contains(e.uuid()) && !names.contains(e.id())) {
            return false;
        }
        if (!categories.isEmpty() && !anyIn(e.categories(), categories)) {
            return false;
        }
        if (!tags.isEmpty() && !anyIn(e.tags(), tags)) {
            return false;
        }
        // Featured: the Marketplace's curated list is not in its answers; extensions recorded with a "featured"
        // flag qualify, and when none is known every extension does (so "featured" still lists, by installs).
        if (featured && anyFeatured && !e.featured()) {
            return false;
        }
        if (!targets.isEmpty() && !matchesTarget(e)) {
            return false;
        }
        if ((e.flagBits() & excludeBits) != 0) {
            return false;
        }
        if (includeBits != 0 && (e.flagBits() & includeBits) == 0) {
            return false;
        }
        // ExcludeNonValidated (0x20): drop extensions whose recorded flags are known and lack "validated".
        if (excludeNonValidated && e.flagBits() != 0 && (e.flagBits() & GalleryFlags.VALIDATED) == 0) {
            return false;
        }
        if (!displayNames.isEmpty() && !displayNames.contains(e.displayName().toLowerCase(Locale.ROOT))) {
            return false;
        }
        if (!publishers.isEmpty() && !publishers.contains(e.publisherName().toLowerCase(Locale.ROOT))) {
            return false;
        }
        if (!publisherDisplayNames.isEmpty()
                && !publisherDisplayNames.contains(e.publisherDisplayName().toLowerCase(Locale.ROOT))) {
            return false;
        }
        return targetPlatforms.isEmpty() || e.versions().stream().anyMatch(
                v -> v.targetPlatform() == null || targetPlatforms.contains(v.targetPlatform().toLowerCase(Locale.ROOT)));
    }

    private boolean matchesTarget(ExtensionEntry e) {
        if (e.installationTargets().isEmpty()) {
            return targetsVsCode; // not recorded: every extension in a VS Code mirror targets VS Code
        }
        return anyIn(e.installationTargets(), targets);
    }

    private static boolean anyIn(java.util.List<String> values, Set<String> wanted) {
        for (int i = 0; i < values.size(); i++) {
            if (wanted.contains(values.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static long parseBits(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return GalleryFlags.publishedFlags(v);
        }
    }
}
