package dev.vscmirror.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Locale;

/**
 * Turns recorded gallery JSON into {@code catalog} rows (issue 4: each extension, each version × target platform,
 * with its flags, properties, files, statistics, categories, tags, assetUri and fallbackAssetUri, as recorded).
 * Accepts an {@code extensionquery} answer ({@code {"results":[{"extensions":[…]}]}}, protocol §2.4) and a
 * latest-API answer (one extension object, protocol §2.6).
 */
public final class GalleryRows {
    private GalleryRows() {
    }

    /** @return the number of extensions found in an extensionquery answer */
    public static int fromQueryAnswer(JsonNode root, Instant recordedAt, RowSink sink) {
        int count = 0;
        for (JsonNode result : root.path("results")) {
            for (JsonNode ext : result.path("extensions")) {
                if (fromExtension(ext, recordedAt, sink)) {
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * Emits the rows of one extension object.
     *
     * @return false when the object has no publisher name or extension name (nothing emitted)
     */
    public static boolean fromExtension(JsonNode ext, Instant recordedAt, RowSink sink) {
        if (ext == null || !ext.isObject()) {
            return false;
        }
        String publisher = CatalogJson.text(ext.path("publisher"), "publisherName");
        String name = CatalogJson.text(ext, "extensionName");
        if (publisher == null || name == null || publisher.isEmpty() || name.isEmpty()) {
            return false;
        }
        String id = (publisher + "." + name).toLowerCase(Locale.ROOT);
        ObjectNode core = ((ObjectNode) ext).deepCopy();
        core.remove("versions");
        for (String group : CatalogRows.EXTENSION_GROUPS) {
            if (group.equals("core")) {
                continue;
            }
            JsonNode part = core.remove(group);
            if (part != null && !part.isNull()) {
                sink.row(CatalogKeys.CATALOG, CatalogRows.extensionKey(id, group), CatalogRows.value(recordedAt, part));
            }
        }
        sink.row(CatalogKeys.CATALOG, CatalogRows.extensionKey(id, "core"), CatalogRows.value(recordedAt, core));
        for (JsonNode v : ext.path("versions")) {
            fromVersion(id, v, recordedAt, sink);
        }
        return true;
    }

    private static void fromVersion(String id, JsonNode v, Instant recordedAt, RowSink sink) {
        String version = CatalogJson.text(v, "version");
        if (version == null || version.isEmpty() || !v.isObject()) {
            return;
        }
        String platform = CatalogJson.text(v, "targetPlatform");
        String platformKey = platform == null ? "" : platform;
        ObjectNode core = ((ObjectNode) v).deepCopy();
        JsonNode files = core.remove("files");
        JsonNode properties = core.remove("properties");
        JsonNode assetUri = core.remove("assetUri");
        JsonNode fallback = core.remove("fallbackAssetUri");
        if (files != null && files.isArray()) {
            sink.row(CatalogKeys.CATALOG, CatalogRows.versionKey(id, version, platformKey, "files"),
                    CatalogRows.value(recordedAt, files));
        }
        if (properties != null && properties.isArray()) {
            sink.row(CatalogKeys.CATALOG, CatalogRows.versionKey(id, version, platformKey, "properties"),
                    CatalogRows.value(recordedAt, properties));
        }
        if (assetUri != null || fallback != null) {
            ObjectNode uris = CatalogJson.object();
            if (assetUri != null) {
                uris.set("assetUri", assetUri);
            }
            if (fallback != null) {
                uris.set("fallbackAssetUri", fallback);
            }
            sink.row(CatalogKeys.CATALOG, CatalogRows.versionKey(id, version, platformKey, "assetUri"),
                    CatalogRows.value(recordedAt, uris));
        }
        sink.row(CatalogKeys.CATALOG, CatalogRows.versionKey(id, version, platformKey, "core"),
                CatalogRows.value(recordedAt, core));
    }
}
