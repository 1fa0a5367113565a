package dev.vscmirror.record;

import dev.vscmirror.config.RecordConfig;
import dev.vscmirror.store.BlobRef;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.IndexRow;
import dev.vscmirror.store.RecordedExchange;
import dev.vscmirror.upstream.UpstreamClient;
import dev.vscmirror.upstream.UpstreamException;
import dev.vscmirror.upstream.UpstreamResponse;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record path (DESIGN "Record path", issue 3): forwards a client request upstream, streams the answer back with
 * backpressure and, for a recordable answer, tees the body into the blob store. Commit order: the blob is fsynced and
 * renamed first, then the exchange, its journal entry and the derived rows go in one batch
 * ({@link ContentStore#putExchange}), then {@code onCommitted} runs — all on the disk executor. Only complete
 * answers with a status in {@link RecordConfig#statuses()} are stored, and only for GET and
 * {@code POST …/extensionquery} (statistics and telemetry POSTs are relayed, never recorded: protocol §2.7).
 */
public final class RecordingForwarder {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingForwarder.class);

    private final UpstreamClient upstream;
    private final ContentStore store;
    private final RecordConfig config;
    private final Function<RecordedExchange, List<IndexRow>> deriver;
    private final Consumer<List<IndexRow>> onCommitted;
    private final Executor diskExecutor;

    /**
     * @param deriver      given a committed exchange (body readable through {@code store.blobPath}), the derived rows
     *                     to write in the same batch; called on the disk executor
     * @param onCommitted  told the derived rows after the batch is durable (keeps the replay catalog live)
     * @param diskExecutor bounded executor for blob writes, fsync, RocksDB batches and the deriver
     */
    public RecordingForwarder(UpstreamClient client, ContentStore store, RecordConfig config,
            Function<RecordedExchange, List<IndexRow>> deriver, Consumer<List<IndexRow>> onCommitted,
            Executor diskExecutor) {
        this.upstream = Objects.requireNonNull(client, "client");
        this.store = Objects.requireNonNull(store, "store");
        this.config = Objects.requireNonNull(config, "config");
        this.deriver = Objects.requireNonNull(deriver, "deriver");
        this.onCommitted = Objects.requireNonNull(onCommitted, "onCommitted");
        this.diskExecutor = Objects.requireNonNull(diskExecutor, "diskExecutor");
    }

    /**
     * Forwards {@code request} to {@code https://host} and streams the answer to {@code client}. The caller keeps
     * ownership of {@code request} (its body is copied; it is small, see {@code limits.maxRequestBodyBytes}). Never
     * blocks; the future completes once the client has the whole answer (last write done, or the client gone) and,
     * when recording, the commit finished.
     *
     * @param host            the request host, optionally {@code host:port} (default port 443)
     * @param key             the request key; with {@code record} false it is not used and may be null
     * @param record          false to relay only (the caller decided this host/route is not recorded)
     * @param failOverAllowed when upstream fails (or answers 502/503/504) before anything reached the client, write
     *                        nothing and report {@link ForwardResult#failedBeforeResponse()}
     */
    public CompletableFuture<ForwardResult> forward(ChannelHandlerContext client, FullHttpRequest request, String host,
            RequestKey key, boolean record, boolean failOverAllowed) {
        Target target = Target.parse(host);
        String pathAndQuery = Target.originForm(request.uri());
        HttpMethod method = request.method();
        FullHttpRequest outbound = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, pathAndQuery,
                Unpooled.copiedBuffer(request.content()),
                ForwardHeaders.forUpstream(request.headers(), target.hostHeader(), request.content().readableBytes(),
                        method), EmptyHttpHeaders.INSTANCE);
        Exchange ex = new Exchange(client, method, target, pathAndQuery,
                record && key != null && (HttpMethod.GET.equals(method) || key.isExtensionQuery()) ? key : null,
                failOverAllowed);
        upstream.send(target.host(), target.port(), outbound, client.channel().eventLoop()).whenComplete((response, error) -> {
            if (error != null) {
                onFailure(ex, unwrap(target.host(), error));
            } else {
                onResponse(ex, response);
            }
        });
        return ex.result;
    }

    /** One forwarded request's context. */
    private static final class Exchange {
        final ChannelHandlerContext client;
        final HttpMethod method;
        final Target target;
        final String url;
        final RequestKey recordKey; // null: not recordable
        final boolean failOverAllowed;
        final long startNanos = System.nanoTime();
        final CompletableFuture<ForwardResult> result = new CompletableFuture<>();

        Exchange(ChannelHandlerContext client, HttpMethod method, Target target, String pathAndQuery,
                RequestKey recordKey, boolean failOverAllowed) {
            this.client = client;
            this.method = method;
            this.target = target;
            this.url = "https://" + target.hostHeader() + pathAndQuery;
            this.recordKey = recordKey;
            this.failOverAllowed = failOverAllowed;
        }
    }

    private void onResponse(Exchange ex, UpstreamResponse response) {
        int status = response.status();
        if (ex.failOverAllowed && status >= 502 && status <= 504) {
            response.abort(); // a gateway failure upstream: fallback mode answers from the store instead
            ex.result.complete(new ForwardResult(status, 0, ForwardResult.UPSTREAM_ERROR, true));
            return;
        }
        BlobTee disk = ex.recordKey != null && config.statuses().contains(status)
                ? new BlobTee(store, diskExecutor) : null;
        ex.client.writeAndFlush(new DefaultHttpResponse(HttpVersion.HTTP_1_1, response.head().status(),
                ForwardHeaders.forClient(response.head(), ex.method)));
        BodyTee tee = new BodyTee(response, ex.client, disk);
        CompletableFuture<ForwardResult> outcome = new CompletableFuture<>();
        // The caller hears back once the client has the whole answer and, when recording, the commit finished.
        outcome.thenCombine(tee.clientDone(), (r, clientDone) -> r).thenAccept(ex.result::complete);
        tee.start().whenComplete((end, error) -> {
            if (error != null || end == BodyTee.End.UPSTREAM_FAILED) {
                if (disk != null) {
                    disk.abort();
                }
                LOG.info("upstream {} broke off {} after {} body bytes; the client connection was closed and nothing"
                        + " was recorded", ex.target.host(), ex.url, tee.bytes());
                outcome.complete(new ForwardResult(status, tee.bytes(), ForwardResult.UPSTREAM_ERROR, false));
            } else if (disk == null) {
                outcome.complete(new ForwardResult(status, tee.bytes(), ForwardResult.PASSED, false));
            } else {
                disk.commit(ref -> outcome.complete(store(ex, response, ref, tee.bytes())), failure -> {
                    LOG.error("recording of {} failed; the client got the full answer but it was not stored",
                            ex.url, failure);
                    outcome.complete(new ForwardResult(status, tee.bytes(), ForwardResult.PASSED, false));
                });
            }
        });
    }

    /** On the disk executor, after the blob is durable: the exchange, journal and derived rows in one batch. */
    private ForwardResult store(Exchange ex, UpstreamResponse response, BlobRef blob, long bytes) {
        int status = response.status();
        try {
            RecordedExchange exchange = new RecordedExchange(ex.recordKey.value(), ex.method.name(), ex.url, status,
                    ForwardHeaders.recorded(response.head().headers()), blob == null ? null : blob.sha256(),
                    blob == null ? 0 : blob.size(), Instant.now(), response.remote(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ex.startNanos));
            List<IndexRow> rows = derive(exchange);
            store.putExchange(exchange, rows);
            try {
                onCommitted.accept(rows);
            } catch (RuntimeException e) {
                LOG.error("recorded {} but updating the live catalog failed", ex.url, e);
            }
            return new ForwardResult(status, bytes, ForwardResult.RECORDED, false);
        } catch (RuntimeException e) {
            LOG.error("recording of {} failed while writing the index; not stored", ex.url, e);
            return new ForwardResult(status, bytes, ForwardResult.PASSED, false);
        }
    }

    private List<IndexRow> derive(RecordedExchange exchange) {
        try {
            List<IndexRow> rows = deriver.apply(exchange);
            return rows == null ? List.of() : rows;
        } catch (RuntimeException e) {
            // The answer itself is still worth keeping; the catalog can be rebuilt from exchanges later.
            LOG.error("deriving catalog rows from {} failed; storing the exchange without them", exchange.url(), e);
            return List.of();
        }
    }

    private void onFailure(Exchange ex, UpstreamException error) {
        LOG.info("upstream request {} {} failed: {}", ex.method, ex.url, error.getMessage());
        if (ex.failOverAllowed) {
            ex.result.complete(new ForwardResult(0, 0, ForwardResult.UPSTREAM_ERROR, true));
            return;
        }
        int status = UpstreamErrorResponse.status(error);
        UpstreamErrorResponse.write(ex.client, ex.method, ex.target.host(), error).addListener(f ->
                ex.result.complete(new ForwardResult(status, 0, ForwardResult.UPSTREAM_ERROR, false)));
    }

    private static UpstreamException unwrap(String host, Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return t instanceof UpstreamException u ? u
                : new UpstreamException(UpstreamException.Kind.RESET, host, "unexpected failure: " + t, t);
    }
}
