package dev.vscmirror.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Keys and values of the {@code catalog} family. A value is {@code {"recordedAt":EPOCH_MILLIS,"data":FRAGMENT}}:
 * the fragment is a part of a recorded gallery object (protocol §2.4), split by what the query flags select, so a
 * later answer recorded with other flags replaces only the parts it carries (issue 4: newer records of a version
 * replace older ones, versions accumulate).
 */
public final class CatalogRows {
    /** Extension-level groups: {@code core} is the object minus the other groups and {@code versions}. */
    public static final List<String> EXTENSION_GROUPS =
            List.of("core", "statistics", "categories", "tags", "installationTargets");
    /** Version-level groups: {@code core} is the version object minus files, properties and asset URIs. */
    public static final List<String> VERSION_GROUPS = List.of("core", "files", "properties", "assetUri");
    static final Set<String> VERSION_SPLIT_FIELDS = Set.of("files", "properties", "assetUri", "fallbackAssetUri");

    private CatalogRows() {
    }

    /** Key of an extension-level row. */
    public static byte[] extensionKey(String id, String group) {
        return CatalogKeys.key(CatalogKeys.EXTENSION, id, group);
    }

    /** Key of a version row; {@code platformKey} is "" for universal packages. */
    public static byte[] versionKey(String id, String version, String platformKey, String group) {
        return CatalogKeys.key(CatalogKeys.VERSION, id, version, platformKey, group);
    }

    /** Value of a row. */
    public static byte[] value(Instant recordedAt, JsonNode data) {
        ObjectNode v = CatalogJson.object();
        v.put("recordedAt", recordedAt.toEpochMilli());
        v.set("data", data);
        return CatalogJson.bytes(v);
    }

    /** A decoded value. */
    public record Value(long recordedAt, JsonNode data) {
    }

    private static final byte[] DATA_FIELD = ",\"data\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * The fragment bytes of a value written by {@link #value} ({@code {"recordedAt":N,"data":…}}) without parsing
     * it; other layouts are parsed and re-serialised.
     *
     * @return the recording time and the fragment's compact JSON
     */
    static Fragment fragment(byte[] value) {
        String head = new String(value, 0, Math.min(value.length, 40), java.nio.charset.StandardCharsets.US_ASCII);
        if (head.startsWith("{\"recordedAt\":")) {
            int at = 14;
            int end = at;
            while (end < value.length && value[end] >= '0' && value[end] <= '9') {
                end++;
            }
            if (end > at && end + DATA_FIELD.length < value.length && value[value.length - 1] == '}'
                    && java.util.Arrays.equals(value, end, end + DATA_FIELD.length, DATA_FIELD, 0, DATA_FIELD.length)) {
                long recordedAt = Long.parseLong(head.substring(at, end));
                return new Fragment(recordedAt,
                        java.util.Arrays.copyOfRange(value, end + DATA_FIELD.length, value.length - 1));
            }
        }
        Value v = decode(value);
        return new Fragment(v.recordedAt(), CatalogJson.bytes(v.data()));
    }

    /** A row's recording time and its fragment as compact JSON. */
    record Fragment(long recordedAt, byte[] json) {
    }

    /**
     * Decodes a row value.
     *
     * @throws IllegalArgumentException when it is not a catalog row value
     */
    public static Value decode(byte[] value) {
        try {
            JsonNode node = CatalogJson.MAPPER.readTree(value);
            if (node == null || !node.has("data")) {
                throw new IllegalArgumentException("catalog row value without data");
            }
            return new Value(node.path("recordedAt").asLong(0), node.get("data"));
        } catch (IOException e) {
            throw new IllegalArgumentException("catalog row value is not JSON: " + e.getMessage(), e);
        }
    }
}
