package dev.vscmirror.store;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Running totals behind {@link ContentStore#stats()}: filled by one scan, then kept up to date per write. */
final class StatsCounter {
    private long exchanges;
    private long blobBytes;
    private final Set<String> digests = new HashSet<>();
    private final Map<String, Long> byHost = new HashMap<>();

    synchronized void add(RecordedExchange e) {
        exchanges++;
        byHost.merge(e.host(), 1L, Long::sum);
        if (e.bodySha256() != null && digests.add(e.bodySha256())) {
            blobBytes += e.bodySize();
        }
    }

    /** An exchange replaced another under the same key: the old body may stay counted (bodies are never deleted). */
    synchronized void replace(RecordedExchange old, RecordedExchange e) {
        byHost.merge(old.host(), -1L, Long::sum);
        byHost.remove(old.host(), 0L);
        exchanges--;
        add(e);
    }

    synchronized StoreStats snapshot() {
        return new StoreStats(exchanges, digests.size(), blobBytes, new TreeMap<>(byHost));
    }
}
