package dev.vscmirror.replay;

import dev.vscmirror.catalog.AssetRef;
import dev.vscmirror.catalog.AssetUrls;
import dev.vscmirror.catalog.CatalogJson;
import dev.vscmirror.catalog.CatalogKeys;
import dev.vscmirror.catalog.DerivedRows;
import dev.vscmirror.catalog.ExtensionCatalog;
import dev.vscmirror.catalog.ExtensionQueryEngine;
import dev.vscmirror.catalog.GalleryPaths;
import dev.vscmirror.config.MirrorConfig;
import dev.vscmirror.record.RequestKey;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.IndexRow;
import dev.vscmirror.store.RecordedExchange;
import dev.vscmirror.update.UpdateIndex;
import dev.vscmirror.update.UpdateResponder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Answers requests from the store without ever dialling out (issue 4, "Replay answers, in this order"): exact hit,
 * extensionquery from the catalog, the latest API, assets by alias, the update service, the control manifest,
 * statistics, and otherwise a counted miss. {@link #answer} blocks (RocksDB, blob reads): call it off the event
 * loop. Thread-safe. Answers carry upstream URLs: the server applies {@link UrlRewriter} to every answer on its way
 * out (the rewriter is used here only to accept a request still in the {@code /_vscmirror/} form).
 */
public final class ReplayResponder {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayResponder.class);
    private static final byte[] EMPTY_CONTROL_MANIFEST = "{\"malicious\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final ContentStore store;
    private final UrlRewriter rewriter;
    private final ExtensionCatalog catalog = new ExtensionCatalog();
    private final ExtensionQueryEngine engine = new ExtensionQueryEngine(catalog);
    private final UpdateIndex updates = new UpdateIndex();
    private final UpdateResponder updateResponder = new UpdateResponder(updates);
    private final StoredAnswers stored;
    private final AssetAliases aliases;
    private final MissLog misses;
    private final CatalogAnswers catalogAnswers;
    private final AtomicBoolean warnedNoControlManifest = new AtomicBoolean();

    /** Loads the catalog and the update index from the store's rows. */
    public ReplayResponder(ContentStore store, MirrorConfig config) {
        this(store, new UrlRewriter(config.rewrite()), Clock.systemUTC());
    }

    ReplayResponder(ContentStore store, UrlRewriter rewriter, Clock clock) {
        this.store = store;
        this.rewriter = rewriter;
        this.stored = new StoredAnswers(store);
        this.aliases = new AssetAliases(store, stored, catalog);
        this.misses = new MissLog(store, clock);
        this.catalogAnswers = new CatalogAnswers(catalog, engine, misses);
        reload();
    }

    /** Rebuilds the in-memory catalog and update index from the store (after an import or a reindex). */
    public void reload() {
        catalog.clear();
        updates.clear();
        store.scan(CatalogKeys.CATALOG, new byte[0], guarded(CatalogKeys.CATALOG, catalog::apply));
        store.scan(CatalogKeys.UPDATES, new byte[0], guarded(CatalogKeys.UPDATES, updates::apply));
        LOG.info("replay catalog: {} extensions, {} update builds", catalog.index().size(), updates.buildCount());
    }

    /** Keeps the in-memory catalog live with rows just written for a recorded exchange. */
    public void onRecorded(List<IndexRow> derivedRows) {
        for (IndexRow row : derivedRows) {
            if (row.family().equals(CatalogKeys.CATALOG)) {
                guarded(CatalogKeys.CATALOG, catalog::apply).accept(row.key(), row.value());
            } else if (row.family().equals(CatalogKeys.UPDATES)) {
                guarded(CatalogKeys.UPDATES, updates::apply).accept(row.key(), row.value());
            }
        }
    }

    /** @return the misses seen (and persisted) so far */
    public MissLog misses() {
        return misses;
    }

    /** @return the catalog (for the admin listener's browse page and metrics) */
    public ExtensionCatalog catalog() {
        return catalog;
    }

    /** Answers one request from the store; never dials out. */
    public ReplayAnswer answer(ReplayRequest request) {
        String method = request.method().toUpperCase(Locale.ROOT);
        String host = request.host().toLowerCase(Locale.ROOT);
        String pathAndQuery = request.pathAndQuery();
        RequestKey key = request.key();
        Optional<Unwrapped> unwrapped = rewriter.unwrap(host, pathAndQuery);
        if (unwrapped.isPresent()) { // the server normally unwraps first; tolerate a request that is still wrapped
            host = unwrapped.get().host();
            pathAndQuery = unwrapped.get().pathAndQuery();
            key = RequestKey.of(method, host, pathAndQuery, request.header("accept-encoding"), request.body());
        }
        boolean gzipOk = Encodings.acceptsGzip(request.header("accept-encoding"));
        boolean get = method.equals("GET") || method.equals("HEAD");

        if (GalleryPaths.isStatistics(method, pathAndQuery)) { // protocol §2.7: 200, empty, not stored
            return new ReplayAnswer.Synthesized(200, List.of(), new byte[0], "synthesized");
        }
        if (get && updateResponder.answersBeforeExactHit(host, pathAndQuery)) {
            return updateAnswer(updateResponder.answer(host, pathAndQuery).orElseThrow());
        }
        String lookupMethod = method.equals("HEAD") ? "GET" : method;
        String h = host;
        String pq = pathAndQuery;
        Optional<RecordedExchange> hit = (key == null ? Optional.<RecordedExchange>empty() : stored.exchange(key))
                .or(() -> stored.find(lookupMethod, h, pq, request.body(), gzipOk));
        if (hit.isPresent()) {
            return stored.serve(hit.get(), "hit", gzipOk);
        }
        if (GalleryPaths.isExtensionQuery(method, pathAndQuery)) {
            return catalogAnswers.query(request.body());
        }
        if (get) {
            Optional<GalleryPaths.ExtensionName> latest = GalleryPaths.latest(host, pathAndQuery);
            if (latest.isPresent()) {
                return catalogAnswers.latest(latest.get());
            }
            Optional<AssetRef> asset = AssetUrls.parse(host, pathAndQuery);
            if (asset.isPresent()) {
                return aliases.resolve(asset.get(), gzipOk).map(ex -> stored.serve(ex, "alias", gzipOk))
                        .orElseGet(() -> miss("extension", asset.get().describe()));
            }
            Optional<UpdateResponder.UpdateAnswer> update = updateResponder.answer(host, pathAndQuery);
            if (update.isPresent()) {
                return updateAnswer(update.get());
            }
            if (GalleryPaths.isControlManifest(host, pathAndQuery)) {
                return controlManifest(gzipOk);
            }
        }
        return miss("other", "https://" + host + pathAndQuery);
    }

    private ReplayAnswer updateAnswer(UpdateResponder.UpdateAnswer a) {
        if (a.missWhat() != null) {
            misses.record("update", a.missWhat());
        }
        String outcome = a.missWhat() != null ? "miss" : "synthesized";
        return switch (a.status()) {
            case 200 -> new ReplayAnswer.Synthesized(200, Encodings.JSON_HEADERS, a.json(), outcome);
            case 302 -> new ReplayAnswer.Synthesized(302,
                    List.of(new dev.vscmirror.store.Header("Location", a.location())), new byte[0], outcome);
            case 204 -> new ReplayAnswer.Synthesized(204, List.of(), new byte[0], outcome);
            default -> Encodings.notInMirror("update", a.missWhat());
        };
    }

    /** protocol §4: the last recorded copy, else an empty well-formed manifest. */
    private ReplayAnswer controlManifest(boolean gzipOk) {
        Optional<RecordedExchange> last = store.get(CatalogKeys.ASSETS, DerivedRows.controlManifestKey())
                .map(v -> CatalogJson.text(Encodings.json(v), "requestKey"))
                .flatMap(stored::exchange);
        if (last.isPresent()) {
            return stored.serve(last.get(), "alias", gzipOk);
        }
        if (warnedNoControlManifest.compareAndSet(false, true)) {
            LOG.warn("no control manifest (extensions/marketplace.json) was ever recorded; serving {\"malicious\":[]}");
        }
        return new ReplayAnswer.Synthesized(200, Encodings.JSON_HEADERS, EMPTY_CONTROL_MANIFEST, "synthesized");
    }

    private ReplayAnswer miss(String kind, String what) {
        misses.record(kind, what);
        return Encodings.notInMirror(kind, what);
    }

    private static BiConsumer<byte[], byte[]> guarded(String family, BiConsumer<byte[], byte[]> apply) {
        return (key, value) -> {
            try {
                apply.accept(key, value);
            } catch (IllegalArgumentException e) {
                LOG.warn("skipping a malformed {} row: {}", family, e.getMessage());
            }
        };
    }
}
