package dev.vscmirror.server;

import dev.vscmirror.config.LimitsConfig;
import dev.vscmirror.config.MirrorConfig.Mode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** An HTTP pipeline on an EmbeddedChannel with scripted record and replay paths. */
final class PipelineHarness {
    static final LimitsConfig LIMITS = new LimitsConfig(256, 1024, 1000, Duration.ofSeconds(120),
            Duration.ofSeconds(30), 100);

    final ModeSwitch mode = new ModeSwitch(Mode.REPLAY);
    final List<String> replayed = new ArrayList<>();
    final List<String> recorded = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    ReplayPath replay = (method, host, path, headers, body) -> {
        replayed.add(method + " " + host + path);
        return new ServedAnswer.Synthesized(200, headers("content-type", "text/plain"),
                ("replayed " + path).getBytes(StandardCharsets.UTF_8), "hit");
    };
    final EmbeddedChannel channel;

    PipelineHarness() {
        this(false);
    }

    PipelineHarness(boolean overLimit) {
        this(overLimit, null);
    }

    PipelineHarness(boolean overLimit, dev.vscmirror.replay.UrlRewriter rewriter) {
        RecordPath record = (ctx, request, host, failOver) -> {
            recorded.add(request.method() + " " + host + request.uri());
            return RequestDispatcher.send(ctx, Responses.json(io.netty.handler.codec.http.HttpResponseStatus.OK,
                    "recorded"), "recorded", "record").thenApply(o -> new RecordPath.Forwarded(200, o.bytes(),
                    "recorded", false));
        };
        ReplayPath delegating = (m, h, p, hd, b) -> replay.answer(m, h, p, hd, b);
        RequestDispatcher dispatcher = new RequestDispatcher(mode, record, delegating, Runnable::run);
        ServerEvents sink = new ServerEvents() {
            @Override
            public void request(AnsweredRequest r) {
                events.add(r.listener() + " " + r.host() + " " + r.route() + " " + r.mode() + " " + r.outcome() + " "
                        + r.status());
            }

            @Override
            public void handshakeFailure(String reason) {
                events.add("handshake " + reason);
            }
        };
        HttpPipeline http = new HttpPipeline(LIMITS, dispatcher,
                Set.of("marketplace.visualstudio.com", "update.code.visualstudio.com", "pub.gallerycdn.vsassets.io")
                        ::contains, sink, rewriter);
        channel = new EmbeddedChannel();
        http.install(channel.pipeline(), "tls", overLimit, null);
    }

    static HttpHeaders headers(String... nameValues) {
        HttpHeaders h = new DefaultHttpHeaders();
        for (int i = 0; i < nameValues.length; i += 2) {
            h.add(nameValues[i], nameValues[i + 1]);
        }
        return h;
    }

    /** Sends raw request bytes and returns everything written back (after running pending tasks). */
    String exchange(String raw) {
        channel.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
        return drain();
    }

    String drain() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            channel.runPendingTasks();
            channel.runScheduledPendingTasks();
            Object o;
            boolean any = false;
            while ((o = channel.readOutbound()) != null) {
                any = true;
                if (o instanceof ByteBuf buf) {
                    out.append(buf.toString(StandardCharsets.ISO_8859_1));
                    buf.release();
                } else {
                    throw new AssertionError("unexpected outbound " + o);
                }
            }
            if (!any && i > 2) {
                break;
            }
        }
        return out.toString();
    }

    static String get(String host, String path, String... extraHeaders) {
        StringBuilder sb = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
        for (String h : extraHeaders) {
            sb.append(h).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }
}
