package dev.vscmirror.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vscmirror.catalog.CatalogJson;
import dev.vscmirror.config.RewriteConfig;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.Header;
import dev.vscmirror.store.RecordedExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static dev.vscmirror.replay.StoreFixture.request;
import static dev.vscmirror.replay.StoreFixture.resource;
import static dev.vscmirror.replay.StoreFixture.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The replay order of issue 4: exact hit, catalog, latest API, control manifest, statistics, misses. */
class ReplayResponderTest {
    static final String QUERY_URL = "https://marketplace.visualstudio.com/_apis/public/gallery/extensionquery";
    static final String SEARCH_BODY = "{\"filters\":[{\"criteria\":[{\"filterType\":10,\"value\":\"python\"},"
            + "{\"filterType\":8,\"value\":\"Microsoft.VisualStudio.Code\"},{\"filterType\":12,\"value\":\"4096\"}],"
            + "\"pageNumber\":1,\"pageSize\":50,\"sortBy\":0,\"sortOrder\":0}],\"assetTypes\":[],\"flags\":950}";

    @TempDir
    Path dir;
    ContentStore store;
    StoreFixture fixture;

    @BeforeEach
    void open() {
        store = ContentStore.open(dir);
        fixture = new StoreFixture(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    ReplayResponder responder() {
        return responder(RewriteConfig.Mode.NONE);
    }

    ReplayResponder responder(RewriteConfig.Mode mode) {
        return new ReplayResponder(store, new UrlRewriter(new RewriteConfig(mode, "marketplace.visualstudio.com", null)),
                Clock.systemUTC());
    }

    void recordSearch() {
        fixture.record("POST", QUERY_URL, "gzip", SEARCH_BODY.getBytes(StandardCharsets.UTF_8), 200,
                List.of(new Header("Content-Type", "application/json; charset=utf-8; api-version=3.0-preview.1"),
                        new Header("Content-Encoding", "gzip")),
                StoreFixture.gzip(resource("/catalog/query-search-950.json")));
    }

    @Test
    void exactHitServesTheRecordedExchange() {
        recordSearch();
        ReplayAnswer a = responder().answer(request("POST", QUERY_URL, "gzip", SEARCH_BODY));
        ReplayAnswer.Stored stored = assertInstanceOf(ReplayAnswer.Stored.class, a);
        assertEquals("hit", stored.outcome());
        assertEquals(200, stored.exchange().status());
    }

    @Test
    void gzipEncodedRecordingIsDecodedForAClientThatDoesNotAcceptGzip() {
        recordSearch();
        ReplayAnswer a = responder().answer(request("POST", QUERY_URL, null, SEARCH_BODY));
        ReplayAnswer.Synthesized s = assertInstanceOf(ReplayAnswer.Synthesized.class, a);
        assertEquals("hit", s.outcome());
        assertArrayEquals(resource("/catalog/query-search-950.json"), s.body());
        assertTrue(s.headers().stream().noneMatch(h -> h.name().equalsIgnoreCase("Content-Encoding")));
    }

    @Test
    void aGzipKeyRecordingThatUpstreamDidNotEncodeServesAnIdentityClientAsRecorded() {
        String url = "https://ms-python.gallerycdn.vsassets.io/extensions/ms-python/python/2024.8.0/1717236000000/"
                + "Microsoft.VisualStudio.Code.Manifest";
        RecordedExchange ex = fixture.json("GET", url, "gzip", null, "{\"name\":\"python\"}".getBytes(StandardCharsets.UTF_8));
        ReplayAnswer a = responder().answer(request("GET", url, null, null));
        assertEquals(ex, assertInstanceOf(ReplayAnswer.Stored.class, a).exchange());
    }

    @Test
    void aSearchNobodyMadeOnlineIsAnsweredFromTheCatalog() throws Exception {
        recordSearch();
        String themes = SEARCH_BODY.replace("{\"filterType\":10,\"value\":\"python\"}", "{\"filterType\":5,\"value\":\"Themes\"}")
                .replace("\"sortBy\":0", "\"sortBy\":4");
        ReplayAnswer.Synthesized s = assertInstanceOf(ReplayAnswer.Synthesized.class,
                responder().answer(request("POST", QUERY_URL, "gzip", themes)));
        assertEquals("synthesized", s.outcome());
        assertEquals("application/json; charset=utf-8; api-version=3.0-preview.1", s.headers().get(0).value());
        JsonNode json = CatalogJson.MAPPER.readTree(s.body(), 0, s.body().length);
        assertEquals("theme-dracula", json.at("/results/0/extensions/0/extensionName").asText());
        assertEquals(1, json.at("/results/0/resultMetadata/0/metadataItems/0/count").asInt());
    }

    @Test
    void anIdLookupThatFindsNothingIsAnExtensionMiss() {
        recordSearch();
        String lookup = "{\"filters\":[{\"criteria\":[{\"filterType\":7,\"value\":\"nobody.nothing\"}],\"pageNumber\":1,"
                + "\"pageSize\":1}],\"assetTypes\":[],\"flags\":950}";
        ReplayResponder r = responder();
        ReplayAnswer.Synthesized s = assertInstanceOf(ReplayAnswer.Synthesized.class,
                r.answer(request("POST", QUERY_URL, "gzip", lookup)));
        assertEquals(200, s.status());
        assertEquals("miss", s.outcome());
        assertEquals(List.of("extension:nobody.nothing:1"), r.misses().list().stream()
                .map(m -> m.kind() + ":" + m.what() + ":" + m.count()).toList());
    }

    @Test
    void latestApiIsAnsweredFromTheCatalogAndUnknownExtensionsGet404() throws Exception {
        recordSearch();
        ReplayResponder r = responder();
        String base = "https://marketplace.visualstudio.com/_apis/public/gallery/vscode/";
        ReplayAnswer.Synthesized ok = assertInstanceOf(ReplayAnswer.Synthesized.class,
                r.answer(request("GET", base + "ms-vscode/cpptools/latest", "gzip", null)));
        assertEquals(200, ok.status());
        JsonNode ext = CatalogJson.MAPPER.readTree(ok.body(), 0, ok.body().length);
        assertEquals(3, ext.path("versions").size(), "one release per platform: " + ext.path("versions"));
        assertTrue(ext.path("versions").path(0).has("assetUri"));
        ReplayAnswer.Synthesized missing = assertInstanceOf(ReplayAnswer.Synthesized.class,
                r.answer(request("GET", base + "nobody/nothing/latest", "gzip", null)));
        assertEquals(404, missing.status());
        assertTrue(text(missing).contains("\"error\":\"not in mirror\""), text(missing));
        assertEquals("nobody.nothing", r.misses().list().get(0).what());
    }

    @Test
    void controlManifestIsTheLastRecordedCopyElseAnEmptyOne() {
        String url = "https://main.vscode-cdn.net/extensions/marketplace.json";
        ReplayAnswer.Synthesized empty = assertInstanceOf(ReplayAnswer.Synthesized.class,
                responder().answer(request("GET", url, null, null)));
        assertEquals("{\"malicious\":[]}", text(empty));
        fixture.json("GET", url, null, null, "{\"malicious\":[\"bad.one\"]}".getBytes(StandardCharsets.UTF_8));
        RecordedExchange last = fixture.json("GET", url, null, null,
                "{\"malicious\":[\"bad.two\"]}".getBytes(StandardCharsets.UTF_8));
        ReplayAnswer a = responder().answer(request("GET", url, "gzip, deflate, br", null));
        assertEquals(last, assertInstanceOf(ReplayAnswer.Stored.class, a).exchange());
    }

    @Test
    void statisticsPostsGet200WithAnEmptyBody() {
        ReplayAnswer.Synthesized s = assertInstanceOf(ReplayAnswer.Synthesized.class, responder().answer(request("POST",
                "https://marketplace.visualstudio.com/_apis/public/gallery/publishers/ms-python/extensions/python/2024.8.0/stats?statType=install",
                null, "")));
        assertEquals(200, s.status());
        assertEquals(0, s.body().length);
    }

    @Test
    void otherUrlsAreCountedMissesThatSurviveARestart() {
        String url = "https://www.vscode-unpkg.net/nls/abc/1.0/de/package";
        ReplayResponder r = responder();
        r.answer(request("GET", url, null, null));
        ReplayAnswer.Synthesized s = assertInstanceOf(ReplayAnswer.Synthesized.class, r.answer(request("GET", url, null, null)));
        assertEquals(404, s.status());
        assertEquals("miss", s.outcome());
        Miss m = responder().misses().list().get(0);
        assertEquals("other", m.kind());
        assertEquals(url, m.what());
        assertEquals(2, m.count());
    }
}
