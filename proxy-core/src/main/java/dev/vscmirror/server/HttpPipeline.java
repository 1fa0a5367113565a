package dev.vscmirror.server;

import dev.vscmirror.config.LimitsConfig;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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
    static final List<String> AFTER_CODEC = List.of("timeouts", "limits", "keepAlive", "aggregator", "chunked",
            "cors", "exchange");

    private final LimitsConfig limits;
    private final RequestDispatcher dispatcher;
    private final Predicate<String> listed;
    private final ServerEvents events;

    /**
     * @param listed true for the (lower-case) host names the mirror answers
     */
    public HttpPipeline(LimitsConfig limits, RequestDispatcher dispatcher, Predicate<String> listed,
                        ServerEvents events) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.listed = Objects.requireNonNull(listed, "listed");
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * Adds the HTTP handlers at the end of {@code pipeline}.
     *
     * @param listener  {@code tls} or {@code proxy} (metrics label)
     * @param overLimit the connection is over the connection limit: every request gets 503 and the connection closes
     * @param connect   what to do with CONNECT requests; null where CONNECT is not served (it is then a 421/400)
     */
    public void install(ChannelPipeline pipeline, String listener, boolean overLimit, ConnectHandling connect) {
        Runnable rejected = () -> events.request(listener, "", "other", modeName(), "rejected", 0, 0, 0);
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
        pipeline.addLast("chunked", new ChunkedWriteHandler());
        pipeline.addLast("cors", CorsHandler.INSTANCE);
        pipeline.addLast("exchange", new ExchangeHandler(listener, this, overLimit, connect));
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
