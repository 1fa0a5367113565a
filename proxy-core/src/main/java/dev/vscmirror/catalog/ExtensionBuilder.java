package dev.vscmirror.catalog;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable record of one extension inside {@link ExtensionCatalog}: the newest fragment of every group and
 * version, and the entry built from them (rebuilt only after a change). Not thread-safe; the catalog guards it.
 */
final class ExtensionBuilder {
    /** The recorded fragment of one group, compact JSON. */
    record Fragment(long recordedAt, byte[] json) {
    }

    private static final Comparator<VersionEntry> NEWEST_FIRST = Comparator
            .comparing(VersionEntry::version, VersionOrder.ASCENDING.reversed())
            .thenComparing(VersionEntry::platformKey);

    private final String id;
    private final Map<String, Fragment> groups = new HashMap<>(8);
    private final Map<String, VersionBuilder> versions = new HashMap<>(4);
    private ExtensionEntry built;

    ExtensionBuilder(String id) {
        this.id = id;
    }

    /** Applies an extension-level fragment; older than what is held: ignored. @return true when it changed */
    boolean applyGroup(String group, long recordedAt, byte[] json) {
        Fragment old = groups.get(group);
        if (old != null && old.recordedAt() > recordedAt) {
            return false;
        }
        groups.put(group, new Fragment(recordedAt, json));
        built = null;
        return true;
    }

    /** Applies a version fragment. @return true when it changed */
    boolean applyVersion(String version, String platformKey, String group, long recordedAt, byte[] json) {
        VersionBuilder v = versions.computeIfAbsent(version + '\u0000' + platformKey,
                k -> new VersionBuilder(version, platformKey));
        if (!v.apply(group, recordedAt, json)) {
            return false;
        }
        built = null;
        return true;
    }

    /** @return the entry, or null while no {@code core} group was recorded (nothing to answer with) */
    ExtensionEntry entry() {
        if (built == null && groups.containsKey("core")) {
            built = build();
        }
        return built;
    }

    private ExtensionEntry build() {
        JsonNode core = parse(groups.get("core"));
        JsonNode publisher = core.path("publisher");
        JsonNode statsNode = parse(groups.get("statistics"));
        List<VersionEntry> entries = new ArrayList<>(versions.size());
        for (VersionBuilder v : versions.values()) {
            VersionEntry e = v.entry();
            if (e != null) {
                entries.add(e);
            }
        }
        entries.sort(NEWEST_FIRST);
        String flags = text(core, "flags");
        return new ExtensionEntry(id, text(publisher, "publisherName"), text(core, "extensionName"),
                text(core, "extensionId").toLowerCase(java.util.Locale.ROOT), text(core, "displayName"),
                text(publisher, "displayName"), text(core, "shortDescription"), GalleryFlags.publishedFlags(flags),
                GalleryFlags.hasWord(flags, "featured"), stats(statsNode), GalleryDates.millis(text(core, "lastUpdated")),
                GalleryDates.millis(text(core, "publishedDate")), GalleryDates.millis(text(core, "releaseDate")),
                lowerStrings(parse(groups.get("categories"))), lowerStrings(parse(groups.get("tags"))),
                targets(parse(groups.get("installationTargets"))),
                new ExtensionEntry.Fragments(json("core"), json("statistics"), json("categories"), json("tags"),
                        json("installationTargets")),
                List.copyOf(entries));
    }

    private byte[] json(String group) {
        Fragment f = groups.get(group);
        return f == null ? null : f.json();
    }

    static JsonNode parse(Fragment f) {
        if (f == null) {
            return null;
        }
        try {
            return CatalogJson.MAPPER.readTree(f.json());
        } catch (IOException e) {
            throw new IllegalStateException("catalog fragment is not JSON: " + e.getMessage(), e);
        }
    }

    static String text(JsonNode node, String field) {
        String s = CatalogJson.text(node, field);
        return s == null ? "" : s;
    }

    private static ExtensionEntry.Stats stats(JsonNode statistics) {
        if (statistics == null || !statistics.isArray()) {
            return ExtensionEntry.Stats.NONE;
        }
        Map<String, Double> values = new HashMap<>();
        for (JsonNode s : statistics) {
            values.put(text(s, "statisticName").toLowerCase(java.util.Locale.ROOT), s.path("value").asDouble(0));
        }
        return new ExtensionEntry.Stats(values.getOrDefault("install", 0.0), values.getOrDefault("averagerating", 0.0),
                values.getOrDefault("weightedrating", 0.0), values.getOrDefault("trendingdaily", 0.0),
                values.getOrDefault("trendingweekly", 0.0), values.getOrDefault("trendingmonthly", 0.0));
    }

    private static List<String> lowerStrings(JsonNode array) {
        if (array == null || !array.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add(n.asText().toLowerCase(java.util.Locale.ROOT)));
        return List.copyOf(out);
    }

    private static List<String> targets(JsonNode array) {
        if (array == null || !array.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add(text(n, "target").toLowerCase(java.util.Locale.ROOT)));
        return List.copyOf(out);
    }
}
