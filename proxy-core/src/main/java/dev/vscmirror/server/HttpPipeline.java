package dev.vscmirror.server;

import dev.vscmirror.config.LimitsConfig;
import dev.vscmirror.replay.Unwrapped;
import dev.vscmirror.replay.UrlRewriter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

/**
 * The HTTP/1.1 handlers every client connection gets (after TLS, or directly on the forward-proxy listener): the
 * codec with the configured request-line and header limits, timeouts, body limit, keep-alive, aggregation of the
 * (small) request bodies, chunked writing of streamed answers, CORS, and the exchange handler.
 */
public final class HttpPipeline {
    /** Handler names, head to tail; the CONNECT handling removes them by name. */
    static final String WATCH = "byteWatch";
    static final String CODEC = "httpCodec";
    static final List<String> AFTER_CODEC = List.of("timeouts", "limits", "keepAlive", "aggregator", "rewrite",
            "chunked", "cors", "exchange");

    private final LimitsConfig limits;
    private final RequestDispatcher dispatcher;
    private final Predicate<String> listed;
    private final ServerEvents events;
    private final UrlRewriter rewriter;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * @param listed   true for the (lower-case) host names the mirror answers
     * @param rewriter URL rewriting of answers and unwrapping of {@code /_vscmirror/{host}/...}; null for none
     */
    public HttpPipeline(LimitsConfig limits, RequestDispatcher dispatcher, Predicate<String> listed,
                        ServerEvents events, UrlRewriter rewriter) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.listed = Objects.requireNonNull(listed, "listed");
        this.events = Objects.requireNonNull(events, "events");
        this.rewriter = rewriter;
    }

    /**
     * Adds the HTTP handlers at the end of {@code pipeline}.
     *
     * @param listener  {@code tls} or {@code proxy} (metrics label)
     * @param overLimit the connection is over the connection limit: every request gets 503 and the connection closes
     * @param connect   what to do with CONNECT requests; null where CONNECT is not served (it is then a 421/400)
     */
    public void install(ChannelPipeline pipeline, String listener, boolean overLimit, ConnectHandling connect) {
        Channel channel = pipeline.channel();
        IntConsumer rejected = status -> events.request(new AnsweredRequest(Instant.now(), clientIp(channel),
                listener, "", "", "", "other", modeName(), "rejected", status, 0, 0, null, null));
        ClientTimeoutHandler timeouts = new ClientTimeoutHandler(limits.idleTimeout(), limits.clientReadTimeout());
        pipeline.addLast(WATCH, timeouts.byteWatch());
        pipeline.addLast(CODEC, new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxInitialLineBytes())
                .setMaxHeaderSize(limits.maxHeaderBytes())
                .setMaxChunkSize(64 * 1024)));
        pipeline.addLast("timeouts", timeouts);
        pipeline.addLast("limits", new RequestLimitsHandler(limits.maxRequestBodyBytes(), rejected));
        pipeline.addLast("keepAlive", new HttpServerKeepAliveHandler());
        pipeline.addLast("aggregator", new LimitedAggregator(
                (int) Math.min(Integer.MAX_VALUE - 8, limits.maxRequestBodyBytes()), rejected));
        if (rewriter != null && rewriter.active()) {
            pipeline.addLast("rewrite", new RewritingHandler(rewriter));
        }
        pipeline.addLast("chunked", new ChunkedWriteHandler());
        pipeline.addLast("cors", CorsHandler.INSTANCE);
        pipeline.addLast("exchange", new ExchangeHandler(listener, this, overLimit, connect));
    }

    /** The client's IP literal, or null. */
    static String clientIp(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : null;
    }

    /** The request in its original form when it uses the rewritten {@code /_vscmirror/{host}/...} form. */
    Optional<Unwrapped> unwrap(String host, String pathAndQuery) {
        return rewriter == null ? Optional.empty() : rewriter.unwrap(host, pathAndQuery);
    }

    /** Removes the handlers after the codec (CONNECT takes the connection over). */
    static void removeAfterCodec(ChannelPipeline pipeline) {
        for (String name : AFTER_CODEC) {
            if (pipeline.get(name) != null) {
                pipeline.remove(name);
            }
        }
    }

    /** Requests being answered right now, over every connection (graceful shutdown waits for 0). */
    public int inFlight() {
        return inFlight.get();
    }

    void exchangeStarted() {
        inFlight.incrementAndGet();
    }

    void exchangeFinished() {
        inFlight.decrementAndGet();
    }

    boolean listed(String host) {
        return listed.test(host);
    }

    RequestDispatcher dispatcher() {
        return dispatcher;
    }

    ServerEvents events() {
        return events;
    }

    int maxConnections() {
        return limits.maxConnections();
    }

    String modeName() {
        return dispatcher.modeSwitch().get().name().toLowerCase(Locale.ROOT);
    }
}
