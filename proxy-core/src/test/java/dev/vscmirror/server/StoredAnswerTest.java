package dev.vscmirror.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exact hits are streamed from the blob with HEAD, Range and conditional handling (issue 4, replay answer 1). */
class StoredAnswerTest {
    private static final String BODY = "0123456789abcdefghijklmnopqrstuvwxyz".repeat(5000); // 180 000 bytes
    private static final String HOST = "marketplace.visualstudio.com";

    @TempDir
    Path dir;
    PipelineHarness h;

    @BeforeEach
    void setUp() throws Exception {
        Path blob = dir.resolve("blob");
        Files.writeString(blob, BODY, StandardCharsets.ISO_8859_1);
        h = new PipelineHarness();
        h.replay = (method, host, path, headers, body) -> new ServedAnswer.Stored(200,
                PipelineHarness.headers("Content-Type", "application/octet-stream", "ETag", "\"v1\"",
                        "Last-Modified", "Wed, 21 Oct 2026 07:28:00 GMT", "Content-Length", "999",
                        "Transfer-Encoding", "chunked"),
                blob, BODY.length(), "hit");
    }

    private static String head(String out) {
        return out.substring(0, Math.min(out.length(), 400));
    }

    @Test
    void fullBodyIsStreamedWithTheRecordedLength() {
        String out = h.exchange(PipelineHarness.get(HOST, "/f"));
        assertTrue(out.startsWith("HTTP/1.1 200 "), head(out));
        assertTrue(out.contains("content-length: " + BODY.length()), head(out));
        assertTrue(out.endsWith(BODY), () -> "body differs: " + head(out));
        assertTrue(!out.toLowerCase().contains("transfer-encoding"), "recorded framing headers are not replayed");
    }

    @Test
    void headSendsHeadersWithoutBody() {
        String out = h.exchange("HEAD /f HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n");
        assertTrue(out.startsWith("HTTP/1.1 200 "), () -> head(out));
        assertTrue(out.contains("content-length: " + BODY.length()), () -> head(out));
        assertTrue(out.endsWith("\r\n\r\n"), () -> head(out));
    }

    @Test
    void singleRangeIsAnswered206WithContentRange() {
        String out = h.exchange(PipelineHarness.get(HOST, "/f", "Range: bytes=10-19"));
        assertTrue(out.startsWith("HTTP/1.1 206 "), () -> head(out));
        assertTrue(out.contains("content-range: bytes 10-19/" + BODY.length()), () -> head(out));
        assertTrue(out.endsWith("\r\n\r\nabcdefghij"), () -> head(out));
    }

    @Test
    void suffixRangeGivesTheLastBytes() {
        String out = h.exchange(PipelineHarness.get(HOST, "/f", "Range: bytes=-3"));
        assertTrue(out.startsWith("HTTP/1.1 206 "), () -> head(out));
        assertTrue(out.endsWith("\r\n\r\nxyz"), () -> head(out));
    }

    @Test
    void rangePastTheEndIsAnswered416() {
        String out = h.exchange(PipelineHarness.get(HOST, "/f", "Range: bytes=999999-"));
        assertTrue(out.startsWith("HTTP/1.1 416 "), () -> head(out));
        assertTrue(out.contains("content-range: bytes */" + BODY.length()), () -> head(out));
    }

    @Test
    void matchingEtagIsAnswered304() {
        String out = h.exchange(PipelineHarness.get(HOST, "/f", "If-None-Match: \"v0\", W/\"v1\""));
        assertTrue(out.startsWith("HTTP/1.1 304 "), () -> head(out));
        assertTrue(out.contains("etag: \"v1\""), () -> head(out));
        assertTrue(out.endsWith("\r\n\r\n"), () -> head(out));
    }

    @Test
    void otherEtagGetsTheFullBody() {
        String out = h.exchange(PipelineHarness.get(HOST, "/f", "If-None-Match: \"v0\""));
        assertTrue(out.startsWith("HTTP/1.1 200 "), head(out));
        assertTrue(out.endsWith(BODY), () -> head(out));
    }

    @Test
    void ifModifiedSinceAfterLastModifiedIsAnswered304() {
        String out = h.exchange(PipelineHarness.get(HOST, "/f", "If-Modified-Since: Thu, 22 Oct 2026 07:28:00 GMT"));
        assertTrue(out.startsWith("HTTP/1.1 304 "), () -> head(out));
        String older = h.exchange(PipelineHarness.get(HOST, "/f", "If-Modified-Since: Tue, 20 Oct 2026 07:28:00 GMT"));
        assertTrue(older.startsWith("HTTP/1.1 200 "), head(older));
    }

    @Test
    void twoAnswersOnOneConnectionKeepTheConnectionOpen() {
        h.exchange(PipelineHarness.get(HOST, "/f", "Range: bytes=0-0"));
        String second = h.exchange(PipelineHarness.get(HOST, "/f", "Range: bytes=1-1"));
        assertTrue(second.endsWith("\r\n\r\n1"), () -> head(second));
        assertTrue(h.channel.isActive());
    }
}
