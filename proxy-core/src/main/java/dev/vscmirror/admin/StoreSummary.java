package dev.vscmirror.admin;

import dev.vscmirror.store.StoreStats;
import java.util.Map;

/**
 * What the store holds, for {@code /api/status} and the status page.
 *
 * @param exchanges        recorded exchanges (request key → response)
 * @param blobs            distinct body files
 * @param blobBytes        total size of the body files, in bytes
 * @param exchangesByHost  recorded exchanges per host name (may be empty, never null)
 */
public record StoreSummary(long exchanges, long blobs, long blobBytes, Map<String, Long> exchangesByHost) {
    public StoreSummary {
        exchangesByHost = Map.copyOf(exchangesByHost);
    }

    /** The summary of the store's own counts ({@code ContentStore.stats()}). */
    public static StoreSummary of(StoreStats stats) {
        return new StoreSummary(stats.exchanges(), stats.blobs(), stats.blobBytes(), stats.byHost());
    }
}
