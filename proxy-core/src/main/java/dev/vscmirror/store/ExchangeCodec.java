package dev.vscmirror.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON form of a {@link RecordedExchange}, used for the {@code exchanges} family and for export
 * bundles: {@code {"requestKey":…, "method":…, "url":…, "status":200, "headers":[["Name","value"],…],
 * "bodySha256":…|null, "bodySize":…, "recordedAt":"2026-…Z", "upstream":…, "upstreamMillis":…}}.
 * In the family the object also carries {@code "seq"}, the journal sequence of the exchange.
 */
public final class ExchangeCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExchangeCodec() {
    }

    /** The exchange as a JSON object node. */
    public static ObjectNode toNode(RecordedExchange e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("requestKey", e.requestKey());
        n.put("method", e.method());
        n.put("url", e.url());
        n.put("status", e.status());
        ArrayNode headers = n.putArray("headers");
        for (Header h : e.headers()) {
            headers.addArray().add(h.name()).add(h.value());
        }
        n.put("bodySha256", e.bodySha256());
        n.put("bodySize", e.bodySize());
        n.put("recordedAt", e.recordedAt().toString());
        n.put("upstream", e.upstream());
        n.put("upstreamMillis", e.upstreamMillis());
        return n;
    }

    /** Parses a node written by {@link #toNode}; extra fields (such as {@code seq}) are ignored. */
    public static RecordedExchange fromNode(JsonNode n) {
        List<Header> headers = new ArrayList<>();
        for (JsonNode h : n.path("headers")) {
            headers.add(new Header(h.get(0).asText(), h.get(1).asText()));
        }
        JsonNode sha = n.get("bodySha256");
        JsonNode upstream = n.get("upstream");
        return new RecordedExchange(n.get("requestKey").asText(), n.get("method").asText(), n.get("url").asText(),
                n.get("status").asInt(), headers, sha == null || sha.isNull() ? null : sha.asText(),
                n.path("bodySize").asLong(), Instant.parse(n.get("recordedAt").asText()),
                upstream == null || upstream.isNull() ? null : upstream.asText(), n.path("upstreamMillis").asLong());
    }

    public static byte[] toBytes(RecordedExchange e) {
        return write(toNode(e));
    }

    public static RecordedExchange fromBytes(byte[] json) {
        return fromNode(read(json));
    }

    static byte[] stored(RecordedExchange e, long seq) {
        ObjectNode n = toNode(e);
        n.put("seq", seq);
        return write(n);
    }

    static long storedSequence(JsonNode n) {
        return n.path("seq").asLong(-1);
    }

    static JsonNode read(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new StoreException("malformed exchange JSON: " + e.getMessage(), e);
        }
    }

    private static byte[] write(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new StoreException("cannot serialise exchange: " + e.getMessage(), e);
        }
    }
}
