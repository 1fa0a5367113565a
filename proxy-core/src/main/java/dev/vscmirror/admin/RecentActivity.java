package dev.vscmirror.admin;

import dev.vscmirror.accesslog.AccessLogEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A bounded list of the latest requests for {@link AdminContext#recentActivity(int)}: the request path adds each
 * {@link AccessLogEntry}; the oldest fall off. Thread-safe; {@link #add} is O(1) and may be called on an event loop.
 */
public final class RecentActivity {
    private final int capacity;
    private final ArrayDeque<AccessLogEntry> entries;

    /** Keeps at most {@code capacity} entries (1-10000). */
    public RecentActivity(int capacity) {
        if (capacity < 1 || capacity > 10_000) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: 1-10000)");
        }
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(capacity);
    }

    /** Remembers one request; drops the oldest when full. */
    public synchronized void add(AccessLogEntry entry) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    /** The newest {@code limit} entries, newest first. */
    public synchronized List<AccessLogEntry> latest(int limit) {
        List<AccessLogEntry> out = new ArrayList<>(Math.min(limit, entries.size()));
        Iterator<AccessLogEntry> it = entries.descendingIterator();
        while (it.hasNext() && out.size() < limit) {
            out.add(it.next());
        }
        return out;
    }
}
