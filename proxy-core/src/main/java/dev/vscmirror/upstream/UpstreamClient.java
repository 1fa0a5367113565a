package dev.vscmirror.upstream;

import dev.vscmirror.config.UpstreamConfig;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mirror's HTTPS client towards Microsoft (issue 3 "Upstream client"; protocol §1.3 lists the hosts): Netty
 * (epoll when the group runs it), keep-alive connections pooled per {@code host:port}, certificates verified
 * against the JDK trust store plus {@code upstream.extraCa} with host-name verification and SNI = the request
 * host, {@code upstream.overrides} instead of DNS, a loop guard against the mirror's own listening addresses, an
 * optional egress proxy (CONNECT), connect/read timeouts, and bounded retries of GET/HEAD on connect failure, 429
 * and 503 (honouring {@code Retry-After}).
 *
 * <p>Thread-safe. The caller owns {@code group}; {@link #close()} closes idle connections and the resolver threads.
 */
public final class UpstreamClient implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final EventLoopGroup group;
    private final ConnectionPool pool = new ConnectionPool();
    private final ExecutorService resolverThreads;
    private final UpstreamConnector connector;
    private final RetryPolicy retryPolicy;
    private volatile UpstreamListener listener;

    /**
     * @param config       upstream settings (overrides, extra CA, egress proxy, timeouts, retries)
     * @param group        the event loops the connections run on (NIO or epoll)
     * @param ownAddresses the mirror's listening socket addresses; a wildcard address stands for every local one
     */
    public UpstreamClient(UpstreamConfig config, EventLoopGroup group, Set<InetSocketAddress> ownAddresses) {
        this(config, group, ownAddresses, UpstreamListener.NONE);
    }

    /** As {@link #UpstreamClient(UpstreamConfig, EventLoopGroup, Set)} with a metrics listener. */
    public UpstreamClient(UpstreamConfig config, EventLoopGroup group, Set<InetSocketAddress> ownAddresses,
            UpstreamListener listener) {
        Objects.requireNonNull(config, "config");
        this.group = Objects.requireNonNull(group, "group");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (config.maxRetries() < 0) {
            throw new IllegalArgumentException("upstream.maxRetries: " + config.maxRetries() + " (expected: >= 0)");
        }
        this.retryPolicy = RetryPolicy.of(config.maxRetries());
        this.resolverThreads = new ThreadPoolExecutor(0, 4, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(4096), r -> {
            Thread t = new Thread(r, "vscmirror-upstream-dns-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        UpstreamResolver resolver = new UpstreamResolver(config.overrides(), ownAddresses, resolverThreads);
        this.connector = new UpstreamConnector(group, resolver, pool, UpstreamTrust.clientContext(config.extraCa()),
                EgressProxy.of(config.egressProxy()), resolverThreads, millis(config.connectTimeout(), "connectTimeout"),
                TimeUnit.MILLISECONDS.toNanos(millis(config.readTimeout(), "readTimeout")));
    }

    /** Replaces the metrics listener (wiring may create the client before the metrics). */
    public void listener(UpstreamListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Sends {@code request} to {@code https://host:port} and completes with the final response head once no retry is
     * due; the body is then pulled through the returned {@link UpstreamResponse}. Takes ownership of
     * {@code request} (released when done). Fails with an {@link UpstreamException}. Callbacks run on the
     * connection's event loop.
     *
     * @param host the request host (SNI, certificate check, Host header is the caller's)
     * @param port the upstream port, normally 443
     */
    public CompletableFuture<UpstreamResponse> send(String host, int port, FullHttpRequest request) {
        return send(host, port, request, null);
    }

    /**
     * As {@link #send(String, int, FullHttpRequest)}, preferring connections on {@code loop} (the client channel's
     * event loop, nullable): the body is then relayed without crossing threads.
     */
    public CompletableFuture<UpstreamResponse> send(String host, int port, FullHttpRequest request, EventLoop loop) {
        Call call = new Call(host.toLowerCase(Locale.ROOT), port, request, loop);
        attempt(call);
        return call.result;
    }

    /** Idle pooled connections (for tests and the status page). */
    public int idleConnections() {
        return pool.idleCount();
    }

    @Override
    public void close() {
        pool.close();
        resolverThreads.shutdownNow();
    }

    private final class Call {
        final String host;
        final int port;
        final String key;
        final FullHttpRequest request;
        final EventLoop loop;
        final boolean idempotent;
        final CompletableFuture<UpstreamResponse> result = new CompletableFuture<>();
        int retries;
        boolean staleRetried;

        Call(String host, int port, FullHttpRequest request, EventLoop loop) {
            this.host = host;
            this.loop = loop;
            this.port = port;
            this.key = host + ":" + port;
            this.request = request;
            HttpMethod method = request.method();
            this.idempotent = RetryPolicy.idempotent(method);
        }
    }

    private void attempt(Call call) {
        long start = System.nanoTime();
        UpstreamConnection pooled = pool.poll(call.key, call.loop);
        CompletableFuture<UpstreamConnection> connection = pooled != null
                ? CompletableFuture.completedFuture(pooled)
                : connector.connect(call.host, call.port, call.key, call.loop);
        connection.thenCompose(c -> c.begin(call.request.retainedDuplicate())).whenComplete((response, error) -> {
            if (error != null) {
                onFailure(call, unwrap(call.host, error), start, pooled != null);
                return;
            }
            listener.response(call.host, response.status(), System.nanoTime() - start);
            if (call.idempotent && RetryPolicy.retryableStatus(response.status())
                    && retryPolicy.budgetLeft(call.retries)) {
                response.abort();
                retryLater(call, retryPolicy.delayAfter(response.head(), call.retries),
                        Integer.toString(response.status()));
            } else {
                call.request.release();
                call.result.complete(response);
            }
        });
    }

    private void onFailure(Call call, UpstreamException error, long start, boolean reusedConnection) {
        listener.failure(call.host, error, System.nanoTime() - start);
        if (reusedConnection && !call.staleRetried && error.kind() == UpstreamException.Kind.RESET) {
            call.staleRetried = true; // a kept-alive connection the server had closed: try a fresh one once
            attempt(call);
        } else if (call.idempotent && error.retryable() && retryPolicy.budgetLeft(call.retries)) {
            retryLater(call, retryPolicy.backoff(call.retries), "connect");
        } else {
            call.request.release();
            call.result.completeExceptionally(error);
        }
    }

    private void retryLater(Call call, Duration delay, String reason) {
        call.retries++;
        listener.retry(call.host, reason);
        try {
            group.schedule(() -> attempt(call), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            call.request.release();
            call.result.completeExceptionally(new UpstreamException(UpstreamException.Kind.CONNECT, call.host,
                    "client shut down before retry", e));
        }
    }

    private static UpstreamException unwrap(String host, Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return t instanceof UpstreamException u ? u : Failures.classify(host, "connecting", t);
    }

    private static int millis(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("upstream." + name + ": " + d + " (expected: a positive duration)");
        }
        return (int) d.toMillis();
    }
}
