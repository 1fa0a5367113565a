package dev.vscmirror.store;

import java.util.Map;

/**
 * Counts over a store.
 *
 * @param exchanges number of recorded exchanges
 * @param blobs     number of distinct bodies referenced by exchanges
 * @param blobBytes total size in bytes of those distinct bodies
 * @param byHost    exchanges per upstream host (lower-case host of the recorded URL), sorted by host
 */
public record StoreStats(long exchanges, long blobs, long blobBytes, Map<String, Long> byHost) {
    public StoreStats {
        byHost = Map.copyOf(byHost);
    }
}
