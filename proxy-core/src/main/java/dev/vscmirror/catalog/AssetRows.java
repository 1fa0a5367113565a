package dev.vscmirror.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vscmirror.store.RecordedExchange;

import java.io.IOException;
import java.time.Instant;

/**
 * Rows of the {@code assets} family: (publisher, name, version, targetPlatform, assetType, form) → the recorded
 * exchange of that URL form (issue 4: assets linked by publisher, name, version, target platform and asset type).
 * The form part carries {@code +gzip} when upstream encoded the body, so both encodings can be kept.
 * Value: {@code {"requestKey","status","url","location","contentEncoding","recordedAt"}}.
 */
public final class AssetRows {
    private AssetRows() {
    }

    /** A decoded row value. {@code location} and {@code contentEncoding} may be null. */
    public record Link(String requestKey, int status, String url, String location, String contentEncoding,
            Instant recordedAt) {
        public boolean gzip() {
            return contentEncoding != null && contentEncoding.toLowerCase(java.util.Locale.ROOT).contains("gzip");
        }
    }

    /** The key prefix of every form of one asset. */
    public static byte[] prefix(AssetRef ref) {
        return CatalogKeys.key(CatalogKeys.ASSET, ref.publisher(), ref.name(), ref.version(), ref.targetPlatform(),
                ref.assetType());
    }

    /** Emits the row of an asset exchange (200 or a redirect); other statuses and non-asset URLs emit nothing. */
    public static void derive(RecordedExchange exchange, AssetRef ref, RowSink sink) {
        int status = exchange.status();
        String location = exchange.header("Location");
        boolean redirect = status >= 300 && status < 400 && location != null;
        if (status != 200 && !redirect) {
            return;
        }
        String encoding = exchange.header("Content-Encoding");
        boolean gzip = encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("gzip");
        ObjectNode v = CatalogJson.object();
        v.put("requestKey", exchange.requestKey());
        v.put("status", status);
        v.put("url", exchange.url());
        v.put("location", redirect ? location : null);
        v.put("contentEncoding", encoding);
        v.put("recordedAt", exchange.recordedAt().toEpochMilli());
        sink.row(CatalogKeys.ASSETS, CatalogKeys.key(CatalogKeys.ASSET, ref.publisher(), ref.name(), ref.version(),
                ref.targetPlatform(), ref.assetType(), ref.form().id() + (gzip ? "+gzip" : "")), CatalogJson.bytes(v));
    }

    /**
     * Decodes a row value.
     *
     * @throws IllegalArgumentException when it is not an asset row value
     */
    public static Link decode(byte[] value) {
        try {
            JsonNode v = CatalogJson.MAPPER.readTree(value);
            return new Link(v.path("requestKey").asText(), v.path("status").asInt(), v.path("url").asText(),
                    CatalogJson.text(v, "location"), CatalogJson.text(v, "contentEncoding"),
                    Instant.ofEpochMilli(v.path("recordedAt").asLong()));
        } catch (IOException e) {
            throw new IllegalArgumentException("assets row value is not JSON: " + e.getMessage(), e);
        }
    }
}
