package dev.vscmirror.server;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts client connections over all listeners against {@code limits.maxConnections}. Thread-safe. */
public final class ConnectionLimit {
    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    public ConnectionLimit(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("maxConnections: " + max + " (expected: > 0)");
        }
        this.max = max;
    }

    /** Counts a new connection; false when it is over the limit (it is counted anyway and must be released). */
    public boolean acquire() {
        return open.incrementAndGet() <= max;
    }

    public void release() {
        open.decrementAndGet();
    }

    public int open() {
        return open.get();
    }

    public int max() {
        return max;
    }
}
