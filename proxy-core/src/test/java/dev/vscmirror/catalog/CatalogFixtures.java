package dev.vscmirror.catalog;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Loads the recorded-answer test resources into catalogs and reads engine answers. */
final class CatalogFixtures {
    static final Instant T1 = Instant.parse("2024-06-20T10:00:00Z");
    static final Instant T2 = Instant.parse("2024-06-21T10:00:00Z");
    static final Instant T3 = Instant.parse("2024-06-22T10:00:00Z");

    private CatalogFixtures() {
    }

    static byte[] resource(String name) {
        try (InputStream in = CatalogFixtures.class.getResourceAsStream("/catalog/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /catalog/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(byte[] bytes) {
        try {
            return CatalogJson.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The search answer (T1), the all-versions answer (T2) and the latest-API answer for gitlens (T3). */
    static ExtensionCatalog full() {
        ExtensionCatalog catalog = new ExtensionCatalog();
        GalleryRows.fromQueryAnswer(json(resource("query-search-950.json")), T1, catalog.sink());
        GalleryRows.fromQueryAnswer(json(resource("query-versions-439.json")), T2, catalog.sink());
        GalleryRows.fromExtension(json(resource("latest-gitlens.json")), T3, catalog.sink());
        return catalog;
    }

    /** A query body with one filter. */
    static String body(String criteria, int page, int size, Integer sortBy, int sortOrder, int flags) {
        return "{\"filters\":[{\"criteria\":[" + criteria + "],\"pageNumber\":" + page + ",\"pageSize\":" + size
                + (sortBy == null ? "" : ",\"sortBy\":" + sortBy) + ",\"sortOrder\":" + sortOrder
                + "}],\"assetTypes\":[],\"flags\":" + flags + "}";
    }

    /** The criteria VS Code appends to every query (protocol §2.1). */
    static String vsCode(String criteria) {
        return (criteria.isEmpty() ? "" : criteria + ",")
                + "{\"filterType\":8,\"value\":\"Microsoft.VisualStudio.Code\"},{\"filterType\":12,\"value\":\"4096\"}";
    }

    static String criterion(int type, String value) {
        return "{\"filterType\":" + type + ",\"value\":\"" + value + "\"}";
    }

    static JsonNode run(ExtensionCatalog catalog, String body) {
        return json(new ExtensionQueryEngine(catalog).answer(body.getBytes(StandardCharsets.UTF_8)).body());
    }

    /** publisher.name of each extension of result {@code i}. */
    static List<String> ids(JsonNode answer, int result) {
        List<String> ids = new ArrayList<>();
        for (JsonNode e : answer.path("results").path(result).path("extensions")) {
            ids.add(e.path("publisher").path("publisherName").asText() + "." + e.path("extensionName").asText());
        }
        return ids;
    }

    static int total(JsonNode answer, int result) {
        return answer.path("results").path(result).path("resultMetadata").path(0).path("metadataItems").path(0)
                .path("count").asInt(-1);
    }
}
