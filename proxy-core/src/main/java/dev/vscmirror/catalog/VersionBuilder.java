package dev.vscmirror.catalog;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;

/** The mutable record of one version × platform inside an {@link ExtensionBuilder}. Not thread-safe. */
final class VersionBuilder {
    static final String PRE_RELEASE = "Microsoft.VisualStudio.Code.PreRelease";

    private final String version;
    private final String platformKey;
    private final Map<String, ExtensionBuilder.Fragment> groups = new HashMap<>(6);
    private VersionEntry built;

    VersionBuilder(String version, String platformKey) {
        this.version = version;
        this.platformKey = platformKey;
    }

    boolean apply(String group, long recordedAt, byte[] json) {
        ExtensionBuilder.Fragment old = groups.get(group);
        if (old != null && old.recordedAt() > recordedAt) {
            return false;
        }
        groups.put(group, new ExtensionBuilder.Fragment(recordedAt, json));
        built = null;
        return true;
    }

    /** @return the entry, or null while no {@code core} group was recorded */
    VersionEntry entry() {
        if (built == null && groups.containsKey("core")) {
            JsonNode core = ExtensionBuilder.parse(groups.get("core"));
            built = new VersionEntry(version, platformKey.isEmpty() ? null : platformKey, preRelease(),
                    GalleryDates.millis(ExtensionBuilder.text(core, "lastUpdated")), json("core"), json("files"),
                    json("properties"), json("assetUri"));
        }
        return built;
    }

    private boolean preRelease() {
        JsonNode properties = ExtensionBuilder.parse(groups.get("properties"));
        if (properties == null || !properties.isArray()) {
            return false;
        }
        for (JsonNode p : properties) {
            if (PRE_RELEASE.equals(ExtensionBuilder.text(p, "key"))) {
                return "true".equalsIgnoreCase(ExtensionBuilder.text(p, "value"));
            }
        }
        return false;
    }

    private byte[] json(String group) {
        ExtensionBuilder.Fragment f = groups.get(group);
        return f == null ? null : f.json();
    }
}
