package dev.vscmirror.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vscmirror.catalog.CatalogJson;
import dev.vscmirror.record.RequestKey;
import dev.vscmirror.store.Header;

import java.io.IOException;
import java.util.List;

/** Small helpers for synthesized answers: content types, the miss body, Accept-Encoding. */
final class Encodings {
    static final List<Header> JSON_HEADERS = List.of(new Header("Content-Type", "application/json; charset=utf-8"));
    /** protocol §2.1: the gallery's JSON answers carry the api-version */
    static final List<Header> GALLERY_HEADERS =
            List.of(new Header("Content-Type", "application/json; charset=utf-8; api-version=3.0-preview.1"));

    private Encodings() {
    }

    /** The miss answer: 404 with a short JSON reason (protocol §6.4: never a dropped connection). */
    static ReplayAnswer.Synthesized notInMirror(String kind, String what) {
        ObjectNode body = CatalogJson.object();
        body.put("error", "not in mirror");
        body.put("kind", kind);
        body.put("what", what);
        return new ReplayAnswer.Synthesized(404, JSON_HEADERS, CatalogJson.bytes(body), "miss");
    }

    /** gzip unless absent, not offered, or offered with q=0: the request key's rule. */
    static boolean acceptsGzip(String acceptEncoding) {
        return RequestKey.acceptsGzip(acceptEncoding);
    }

    static JsonNode json(byte[] value) {
        try {
            return CatalogJson.MAPPER.readTree(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("row value is not JSON: " + e.getMessage(), e);
        }
    }
}
