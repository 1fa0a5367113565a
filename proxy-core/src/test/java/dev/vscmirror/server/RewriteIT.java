package dev.vscmirror.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vscmirror.config.MirrorConfig.Mode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rewrite: mirror-hosts} end to end (issue 4 "URL rewriting"): a recorded JSON answer points at the mirror's
 * name, the follow-up request in the rewritten form is recorded under the original host, and both forms replay.
 */
class RewriteIT {
    private static final String MARKET = "marketplace.visualstudio.com";
    private static final String CDN_BASE = "https://pub.gallerycdn.vsassets.io/extensions/pub/ext/1.0.0/1700000000000";
    private static final String MANIFEST = "/Microsoft.VisualStudio.Code.Manifest";
    private static final byte[] MANIFEST_BODY = "{\"name\":\"ext\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    FakeUpstream upstream;
    MirrorFixture mirror;

    @BeforeEach
    void setUp() throws Exception {
        upstream = new FakeUpstream(dir);
        upstream.answer("GET /_apis/public/gallery/vscode/pub/ext/latest", FakeUpstream.ok(
                ("{\"versions\":[{\"version\":\"1.0.0\",\"assetUri\":\"" + CDN_BASE + "\"}]}")
                        .getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json"));
        upstream.answer("GET " + URI.create(CDN_BASE).getPath() + MANIFEST,
                FakeUpstream.ok(MANIFEST_BODY, "Content-Type", "application/json"));
        mirror = new MirrorFixture(dir.resolve("data"), upstream, Map.of("rewrite.mode", "mirror-hosts"));
    }

    @AfterEach
    void tearDown() throws Exception {
        mirror.close();
        upstream.close();
    }

    private static String text(OkHttpClient client, String url) throws Exception {
        try (Response r = client.newCall(new Request.Builder().url(url).build()).execute()) {
            assertEquals(200, r.code(), url);
            return r.body().string();
        }
    }

    @Test
    void rewrittenUrlsComeBackToTheMirrorAndAreRecordedUnderTheOriginalHost() throws Exception {
        OkHttpClient client = mirror.direct();
        String latest = text(client, mirror.url(MARKET, "/_apis/public/gallery/vscode/pub/ext/latest"));
        Matcher m = Pattern.compile("\"assetUri\":\"([^\"]+)\"").matcher(latest);
        assertTrue(m.find(), latest);
        URI rewritten = URI.create(m.group(1));
        assertEquals(MARKET, rewritten.getHost(), latest);
        assertTrue(rewritten.getPath().startsWith("/_vscmirror/pub.gallerycdn.vsassets.io/"), latest);

        String wrappedPath = rewritten.getPath() + MANIFEST;
        assertEquals(new String(MANIFEST_BODY, StandardCharsets.UTF_8), text(client, mirror.url(MARKET, wrappedPath)));

        upstream.relay.switchOff();
        mirror.server.mode().set(Mode.REPLAY);
        try (Response r = client.newCall(new Request.Builder()
                .url(mirror.url("pub.gallerycdn.vsassets.io", URI.create(CDN_BASE).getPath() + MANIFEST)).build())
                .execute()) {
            assertArrayEquals(MANIFEST_BODY, r.body().bytes(), "recorded under the original host");
        }
        assertEquals(new String(MANIFEST_BODY, StandardCharsets.UTF_8), text(client, mirror.url(MARKET, wrappedPath)));
        assertTrue(text(client, mirror.url(MARKET, "/_apis/public/gallery/vscode/pub/ext/latest"))
                .contains("/_vscmirror/pub.gallerycdn.vsassets.io/"), "replayed JSON is rewritten too");
        assertEquals(0, upstream.relay.connections());
    }
}
