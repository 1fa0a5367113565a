package dev.vscmirror.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** limits.clientReadTimeout (30 s in the harness) and limits.idleTimeout (120 s), on a frozen clock. */
class ClientTimeoutTest {

    @Test
    void requestNotCompleteWithinTheReadTimeoutIsAnswered408() {
        PipelineHarness h = new PipelineHarness();
        h.channel.freezeTime();
        h.channel.writeInbound(Unpooled.copiedBuffer("GET /slow HTTP/1.1\r\nHost: market", StandardCharsets.US_ASCII));
        h.channel.advanceTimeBy(29, TimeUnit.SECONDS);
        h.channel.runScheduledPendingTasks();
        assertTrue(h.channel.isActive(), "still within the read timeout");
        h.channel.advanceTimeBy(2, TimeUnit.SECONDS);
        String out = h.drain();
        assertTrue(out.startsWith("HTTP/1.1 408 "), out);
        assertFalse(h.channel.isActive());
        assertTrue(h.replayed.isEmpty());
    }

    @Test
    void idleKeepAliveConnectionIsClosedAfterTheIdleTimeout() {
        PipelineHarness h = new PipelineHarness();
        h.channel.freezeTime();
        String first = h.exchange(PipelineHarness.get("marketplace.visualstudio.com", "/a"));
        assertTrue(first.startsWith("HTTP/1.1 200 "), first);
        h.channel.advanceTimeBy(119, TimeUnit.SECONDS);
        h.channel.runScheduledPendingTasks();
        assertTrue(h.channel.isActive(), "still within the idle timeout");
        h.channel.advanceTimeBy(2, TimeUnit.SECONDS);
        assertEquals("", h.drain(), "an idle connection is closed without an answer");
        assertFalse(h.channel.isActive());
    }

    @Test
    void aRequestResetsTheIdleTimer() {
        PipelineHarness h = new PipelineHarness();
        h.channel.freezeTime();
        h.channel.advanceTimeBy(100, TimeUnit.SECONDS);
        h.exchange(PipelineHarness.get("marketplace.visualstudio.com", "/a"));
        h.channel.advanceTimeBy(100, TimeUnit.SECONDS);
        h.channel.runScheduledPendingTasks();
        assertTrue(h.channel.isActive());
    }
}
