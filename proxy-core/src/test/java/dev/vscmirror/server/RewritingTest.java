package dev.vscmirror.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vscmirror.config.RewriteConfig;
import dev.vscmirror.replay.UrlRewriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** URL rewriting in the pipeline (issue 4 "URL rewriting", mode mirror-hosts). */
class RewritingTest {
    private static final String JSON = "{\"assetUri\":\"https://pub.gallerycdn.vsassets.io/extensions/pub/ext/1.0.0/1\"}";

    private static PipelineHarness harness() {
        return new PipelineHarness(false, new UrlRewriter(new RewriteConfig(RewriteConfig.Mode.MIRROR_HOSTS,
                "marketplace.visualstudio.com", null)));
    }

    @Test
    void wrappedRequestIsAnsweredForTheOriginalHostAndPath() {
        PipelineHarness h = harness();
        String out = h.exchange(PipelineHarness.get("marketplace.visualstudio.com",
                "/_vscmirror/pub.gallerycdn.vsassets.io/extensions/pub/ext/1.0.0/1/Microsoft.VisualStudio.Code.Manifest"));
        assertTrue(out.startsWith("HTTP/1.1 200 "), out);
        assertEquals(List.of("GET pub.gallerycdn.vsassets.io/extensions/pub/ext/1.0.0/1/"
                + "Microsoft.VisualStudio.Code.Manifest"), h.replayed);
    }

    @Test
    void wrappedRequestForAnUnlistedHostIsRefused() {
        PipelineHarness h = harness();
        String out = h.exchange(PipelineHarness.get("marketplace.visualstudio.com", "/_vscmirror/evil.example/x"));
        assertTrue(out.startsWith("HTTP/1.1 421 "), out);
        assertTrue(h.replayed.isEmpty());
    }

    @Test
    void jsonAnswersAndLocationsAreRewritten() throws Exception {
        PipelineHarness h = harness();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(JSON.getBytes(StandardCharsets.UTF_8));
        }
        h.replay = (m, host, path, headers, body) -> path.equals("/json")
                ? new ServedAnswer.Synthesized(200, PipelineHarness.headers("Content-Type", "application/json",
                        "Content-Encoding", "gzip"), gz.toByteArray(), "hit")
                : new ServedAnswer.Synthesized(302, PipelineHarness.headers("Location",
                        "https://pub.gallerycdn.vsassets.io/x"), new byte[0], "hit");
        String json = h.exchange(PipelineHarness.get("marketplace.visualstudio.com", "/json"));
        String expected = "{\"assetUri\":\"https://marketplace.visualstudio.com/_vscmirror/pub.gallerycdn.vsassets.io"
                + "/extensions/pub/ext/1.0.0/1\"}";
        assertTrue(json.endsWith("\r\n\r\n" + expected), json);
        assertTrue(json.contains("content-length: " + expected.length()), json);
        assertTrue(!json.toLowerCase().contains("content-encoding"), json);
        String redirect = h.exchange(PipelineHarness.get("marketplace.visualstudio.com", "/redirect"));
        assertTrue(redirect.contains("Location: https://marketplace.visualstudio.com/_vscmirror/pub.gallerycdn.vsassets.io/x")
                || redirect.contains("location: https://marketplace.visualstudio.com/_vscmirror/pub.gallerycdn.vsassets.io/x"),
                redirect);
    }

    @Test
    void nonJsonBodiesPassUntouched() {
        PipelineHarness h = harness();
        h.replay = (m, host, path, headers, body) -> new ServedAnswer.Synthesized(200,
                PipelineHarness.headers("Content-Type", "application/octet-stream"),
                JSON.getBytes(StandardCharsets.UTF_8), "hit");
        String out = h.exchange(PipelineHarness.get("marketplace.visualstudio.com", "/vsix"));
        assertTrue(out.endsWith("\r\n\r\n" + JSON), out);
    }
}
