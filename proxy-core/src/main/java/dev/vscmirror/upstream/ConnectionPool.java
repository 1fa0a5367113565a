package dev.vscmirror.upstream;

import io.netty.channel.EventLoop;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Idle keep-alive connections per upstream {@code host:port} (most recently used first). Taking a connection out
 * of its deque is the claim: only one caller (a new request, or the idle-close timer) can win it.
 */
final class ConnectionPool {
    private static final int MAX_IDLE_PER_KEY = 16;

    private final ConcurrentHashMap<String, Deque<UpstreamConnection>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * A live idle connection for {@code key}, now owned by the caller, or null; one on {@code preferred} (the
     * client's event loop, nullable) when there is one, so relaying stays on one thread.
     */
    UpstreamConnection poll(String key, EventLoop preferred) {
        Deque<UpstreamConnection> deque = idle.get(key);
        if (deque == null) {
            return null;
        }
        if (preferred != null) {
            for (UpstreamConnection c : deque) {
                if (c.channel().eventLoop() == preferred && c.channel().isActive() && deque.remove(c)) {
                    return c;
                }
            }
        }
        UpstreamConnection c;
        while ((c = deque.pollFirst()) != null) {
            if (c.channel().isActive()) {
                return c;
            }
        }
        return null;
    }

    /** Offers a connection whose last exchange completed cleanly; closes it when the pool is full or closed. */
    void park(UpstreamConnection c) {
        Deque<UpstreamConnection> deque = idle.computeIfAbsent(c.poolKey(), k -> new ConcurrentLinkedDeque<>());
        if (closed || deque.size() >= MAX_IDLE_PER_KEY) {
            c.channel().close();
            return;
        }
        deque.offerFirst(c);
        if (closed && deque.remove(c)) {
            c.channel().close();
        }
    }

    /** Removes {@code c} if it is parked; true when this call took it out. */
    boolean remove(UpstreamConnection c) {
        Deque<UpstreamConnection> deque = idle.get(c.poolKey());
        return deque != null && deque.remove(c);
    }

    /** Number of idle connections (all keys), for tests and status. */
    int idleCount() {
        return idle.values().stream().mapToInt(Deque::size).sum();
    }

    void close() {
        closed = true;
        for (Deque<UpstreamConnection> deque : idle.values()) {
            UpstreamConnection c;
            while ((c = deque.pollFirst()) != null) {
                c.channel().close();
            }
        }
    }
}
