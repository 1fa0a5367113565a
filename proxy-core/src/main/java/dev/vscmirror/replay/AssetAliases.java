package dev.vscmirror.replay;

import dev.vscmirror.catalog.AssetRef;
import dev.vscmirror.catalog.AssetRows;
import dev.vscmirror.catalog.CatalogKeys;
import dev.vscmirror.catalog.ExtensionCatalog;
import dev.vscmirror.catalog.ExtensionEntry;
import dev.vscmirror.catalog.VersionEntry;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.RecordedExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a recorded asset through any of its URL forms (issue 4 answer 4; protocol §3.1, §3.6): the asset rows of
 * (publisher, name, version, platform, type) point at every recorded form; a recorded 200 is served directly, a
 * recorded redirect is followed inside the store (up to three hops). {@code /vspackage} with version
 * {@code latest} takes the newest release from the catalog.
 */
final class AssetAliases {
    private static final int MAX_HOPS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(AssetAliases.class);

    private final ContentStore store;
    private final StoredAnswers stored;
    private final ExtensionCatalog catalog;

    AssetAliases(ContentStore store, StoredAnswers stored, ExtensionCatalog catalog) {
        this.store = store;
        this.stored = stored;
        this.catalog = catalog;
    }

    /** @return the recorded 200 exchange of the asset, or empty */
    Optional<RecordedExchange> resolve(AssetRef requested, boolean gzipOk) {
        AssetRef ref = requested;
        if (ref.version().equals("latest")) {
            Optional<String> latest = latestRelease(ref);
            if (latest.isEmpty()) {
                return Optional.empty();
            }
            ref = ref.withVersion(latest.get());
        }
        List<AssetRows.Link> links = new ArrayList<>();
        store.scan(CatalogKeys.ASSETS, AssetRows.prefix(ref), (key, value) -> {
            try {
                links.add(AssetRows.decode(value));
            } catch (IllegalArgumentException e) {
                LOG.warn("skipping a malformed asset row: {}", e.getMessage());
            }
        });
        // a 200 first; an encoding the client takes first; the newest recording first
        links.sort(Comparator.comparing((AssetRows.Link l) -> l.status() != 200)
                .thenComparing(l -> !gzipOk && l.gzip())
                .thenComparing(AssetRows.Link::recordedAt, Comparator.reverseOrder()));
        for (AssetRows.Link link : links) {
            Optional<RecordedExchange> found = follow(stored.exchange(link.requestKey()), gzipOk, 0);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<RecordedExchange> follow(Optional<RecordedExchange> exchange, boolean gzipOk, int hops) {
        if (exchange.isEmpty()) {
            return Optional.empty();
        }
        RecordedExchange ex = exchange.get();
        if (ex.status() == 200) {
            return exchange;
        }
        String location = ex.header("Location");
        if (ex.status() < 300 || ex.status() >= 400 || location == null || hops >= MAX_HOPS) {
            return Optional.empty();
        }
        try {
            URI target = URI.create(ex.url()).resolve(location);
            if (target.getHost() == null) {
                return Optional.empty();
            }
            String pathAndQuery = (target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath())
                    + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
            return follow(stored.find("GET", target.getHost().toLowerCase(Locale.ROOT), pathAndQuery, null, gzipOk),
                    gzipOk, hops + 1);
        } catch (IllegalArgumentException e) {
            LOG.info("recorded redirect of {} has an unusable Location {}: {}", ex.url(), location, e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<String> latestRelease(AssetRef ref) {
        ExtensionEntry e = catalog.index().byId(ref.publisher() + "." + ref.name());
        if (e == null) {
            return Optional.empty();
        }
        for (VersionEntry v : e.versions()) {
            if (!v.preRelease() && (v.platformKey().equalsIgnoreCase(ref.targetPlatform()) || v.targetPlatform() == null)) {
                return Optional.of(v.version().toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }
}
