package dev.vscmirror.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vscmirror.catalog.CatalogJson;
import dev.vscmirror.catalog.CatalogKeys;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.IndexRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replay misses (issue 4 answer 8): counted per (kind, what) with the last time, persisted in the {@code misses}
 * family so they survive restarts and the export tool can turn them into a wants file. Row key:
 * {@code CatalogKeys.key(0x01, kind, what)}; value: {@code {"kind","what","count","lastSeen"}} (lastSeen ISO-8601).
 * Thread-safe.
 */
public final class MissLog {
    /** Type byte of a miss row. */
    public static final byte MISS = 0x01;
    private static final int MAX_WHAT = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(MissLog.class);

    private final ContentStore store;
    private final Clock clock;
    private final Map<String, Miss> misses = new ConcurrentHashMap<>();

    /** @param store where misses are persisted and loaded from; null keeps them in memory only */
    public MissLog(ContentStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        if (store != null) {
            store.scan(CatalogKeys.MISSES, new byte[] {MISS}, (key, value) -> {
                Miss m = decode(value);
                if (m != null) {
                    misses.put(m.kind() + '\0' + m.what(), m);
                }
            });
        }
    }

    /** Counts one miss and persists it. */
    public void record(String kind, String what) {
        String w = what.length() > MAX_WHAT ? what.substring(0, MAX_WHAT) : what;
        Instant now = clock.instant();
        Miss updated = misses.merge(kind + '\0' + w, new Miss(kind, w, 1, now),
                (a, b) -> new Miss(kind, w, a.count() + 1, now));
        LOG.debug("replay miss {} {} (#{})", kind, w, updated.count());
        if (store != null) {
            try {
                store.write(List.of(new IndexRow(CatalogKeys.MISSES, CatalogKeys.key(MISS, kind, w), encode(updated))));
            } catch (RuntimeException e) {
                LOG.warn("cannot persist the miss {} {}: {}", kind, w, e.getMessage());
            }
        }
    }

    /** @return every miss, most frequent first, then most recent */
    public List<Miss> list() {
        List<Miss> out = new ArrayList<>(misses.values());
        out.sort(Comparator.comparingLong(Miss::count).reversed()
                .thenComparing(Miss::lastSeen, Comparator.reverseOrder()));
        return out;
    }

    static byte[] encode(Miss m) {
        ObjectNode v = CatalogJson.object();
        v.put("kind", m.kind());
        v.put("what", m.what());
        v.put("count", m.count());
        v.put("lastSeen", m.lastSeen().toString());
        return CatalogJson.bytes(v);
    }

    private static Miss decode(byte[] value) {
        try {
            JsonNode v = CatalogJson.MAPPER.readTree(value);
            return new Miss(v.path("kind").asText(), v.path("what").asText(), v.path("count").asLong(),
                    Instant.parse(v.path("lastSeen").asText()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("skipping a malformed miss row: {}", e.getMessage());
            return null;
        }
    }
}
