package dev.vscmirror.upstream;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpResponse;

/**
 * The head of an upstream answer and a pull-based handle on its body. Nothing is read from the connection until the
 * consumer asks with {@link #request()} (the upstream channel has auto-read off), which is how backpressure reaches
 * upstream. The consumer must end with the body completing, or {@link #abort()}.
 */
public final class UpstreamResponse {
    private final HttpResponse head;
    private final Exchange exchange;
    private final UpstreamConnection connection;
    private final String remote;

    UpstreamResponse(HttpResponse head, Exchange exchange, UpstreamConnection connection,
            String remote) {
        this.head = head;
        this.exchange = exchange;
        this.connection = connection;
        this.remote = remote;
    }

    /** Status line and headers exactly as upstream sent them (the codec's view; no body). */
    public HttpResponse head() {
        return head;
    }

    public int status() {
        return head.status().code();
    }

    /** The address the answer came from ({@code ip:port}, or {@code host:port via proxy}). */
    public String remote() {
        return remote;
    }

    /** The event loop every {@link BodyReceiver} callback runs on. */
    public EventLoop eventLoop() {
        return connection.eventLoop();
    }

    /** Attaches the body consumer; call once, on {@link #eventLoop()}. Bytes already read are delivered at once. */
    public void subscribe(BodyReceiver receiver) {
        connection.subscribe(exchange, receiver);
    }

    /** Asks for the next read from upstream (any thread). Reads are bounded by the upstream read timeout. */
    public void request() {
        connection.request(exchange);
    }

    /** Stops the body and closes the upstream connection (any thread); no further callbacks. */
    public void abort() {
        connection.abort(exchange);
    }
}
