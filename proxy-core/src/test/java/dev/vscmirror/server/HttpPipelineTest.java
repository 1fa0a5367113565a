package dev.vscmirror.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vscmirror.config.MirrorConfig.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpPipelineTest {

    @Test
    void overlongRequestLineIsAnswered414AndClosed() {
        PipelineHarness h = new PipelineHarness();
        String out = h.exchange(PipelineHarness.get("marketplace.visualstudio.com", "/" + "a".repeat(400)));
        assertTrue(out.startsWith("HTTP/1.1 414 "), out);
        assertFalse(h.channel.isActive());
        assertTrue(h.replayed.isEmpty());
    }

    @Test
    void oversizedHeadersAreAnswered431() {
        PipelineHarness h = new PipelineHarness();
        String out = h.exchange(PipelineHarness.get("marketplace.visualstudio.com", "/x",
                "X-Big: " + "b".repeat(2000)));
        assertTrue(out.startsWith("HTTP/1.1 431 "), out);
        assertFalse(h.channel.isActive());
    }

    @Test
    void declaredBodyOverTheLimitIsAnswered413BeforeReading() {
        PipelineHarness h = new PipelineHarness();
        String out = h.exchange("POST /_apis/public/gallery/extensionquery HTTP/1.1\r\n"
                + "Host: marketplace.visualstudio.com\r\nContent-Length: 5000\r\n\r\n");
        assertTrue(out.startsWith("HTTP/1.1 413 "), out);
        assertFalse(h.channel.isActive());
    }

    @Test
    void malformedRequestIsAnswered400() {
        PipelineHarness h = new PipelineHarness();
        String out = h.exchange("GET / HTTP/1.1\r\nHost: marketplace.visualstudio.com\r\nContent-Length: x\r\n\r\n");
        assertTrue(out.startsWith("HTTP/1.1 400 "), out);
    }

    @Test
    void statisticsPostIsAnsweredLocallyAndNeverForwarded() {
        PipelineHarness h = new PipelineHarness();
        h.mode.set(Mode.RECORD);
        String out = h.exchange("POST /_apis/public/gallery/publishers/p/extensions/n/1.0.0/stats?statType=install"
                + " HTTP/1.1\r\nHost: marketplace.visualstudio.com\r\nContent-Length: 0\r\n\r\n");
        assertTrue(out.startsWith("HTTP/1.1 200 "), out);
        assertTrue(out.contains("content-length: 0"), out);
        assertTrue(h.recorded.isEmpty());
        assertTrue(h.replayed.isEmpty());
        assertTrue(h.channel.isActive(), "keep-alive");
    }

    @Test
    void modeFlipAppliesToTheNextRequestOnTheSameConnection() {
        PipelineHarness h = new PipelineHarness();
        h.mode.set(Mode.RECORD);
        String first = h.exchange(PipelineHarness.get("marketplace.visualstudio.com", "/one"));
        h.mode.set(Mode.REPLAY);
        String second = h.exchange(PipelineHarness.get("marketplace.visualstudio.com", "/two"));
        assertTrue(first.contains("recorded"), first);
        assertTrue(second.contains("replayed /two"), second);
        assertEquals(List.of("GET marketplace.visualstudio.com/one"), h.recorded);
        assertEquals(List.of("GET marketplace.visualstudio.com/two"), h.replayed);
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() {
        PipelineHarness h = new PipelineHarness();
        String out = h.exchange(PipelineHarness.get("marketplace.visualstudio.com", "/a")
                + PipelineHarness.get("marketplace.visualstudio.com", "/b")
                + PipelineHarness.get("marketplace.visualstudio.com", "/c"));
        int a = out.indexOf("replayed /a");
        int b = out.indexOf("replayed /b");
        int c = out.indexOf("replayed /c");
        assertTrue(a >= 0 && a < b && b < c, out);
    }

    @Test
    void unlistedHostIsMisdirected() {
        PipelineHarness h = new PipelineHarness();
        String out = h.exchange(PipelineHarness.get("example.com", "/"));
        assertTrue(out.startsWith("HTTP/1.1 421 "), out);
        assertTrue(h.replayed.isEmpty());
    }

    @Test
    void corsPreflightIsAnsweredAndAnswersToCrossOriginRequestsCarryAllowOrigin() {
        PipelineHarness h = new PipelineHarness();
        String pre = h.exchange("OPTIONS /_apis/public/gallery/extensionquery HTTP/1.1\r\n"
                + "Host: marketplace.visualstudio.com\r\nOrigin: http://localhost:8080\r\n"
                + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type\r\n\r\n");
        assertTrue(pre.startsWith("HTTP/1.1 204 "), pre);
        assertTrue(pre.contains("access-control-allow-headers: content-type"), pre);
        String withOrigin = h.exchange(PipelineHarness.get("marketplace.visualstudio.com", "/x",
                "Origin: http://localhost:8080"));
        assertTrue(withOrigin.contains("access-control-allow-origin: *"), withOrigin);
        String without = h.exchange(PipelineHarness.get("marketplace.visualstudio.com", "/y"));
        assertFalse(without.contains("access-control-allow-origin"), without);
    }

    @Test
    void connectionOverTheLimitIsAnswered503AndClosed() {
        PipelineHarness h = new PipelineHarness(true);
        String out = h.exchange(PipelineHarness.get("marketplace.visualstudio.com", "/"));
        assertTrue(out.startsWith("HTTP/1.1 503 "), out);
        assertFalse(h.channel.isActive());
    }

    @Test
    void absoluteUriRequestIsAnsweredForTheNamedHost() {
        PipelineHarness h = new PipelineHarness();
        String out = h.exchange("GET http://update.code.visualstudio.com/api/update/x?y=1 HTTP/1.1\r\n"
                + "Host: update.code.visualstudio.com\r\n\r\n");
        assertTrue(out.startsWith("HTTP/1.1 200 "), out);
        assertEquals(List.of("GET update.code.visualstudio.com/api/update/x?y=1"), h.replayed);
    }
}
