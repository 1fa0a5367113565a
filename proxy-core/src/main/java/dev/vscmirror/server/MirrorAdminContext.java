package dev.vscmirror.server;

import dev.vscmirror.accesslog.AccessLogEntry;
import dev.vscmirror.admin.AdminContext;
import dev.vscmirror.admin.CatalogSummary;
import dev.vscmirror.admin.ExtensionDetails;
import dev.vscmirror.admin.ExtensionPage;
import dev.vscmirror.admin.ExtensionSummary;
import dev.vscmirror.admin.ExtensionVersion;
import dev.vscmirror.admin.MissEntry;
import dev.vscmirror.admin.ReadinessPart;
import dev.vscmirror.admin.RecentActivity;
import dev.vscmirror.admin.StoreSummary;
import dev.vscmirror.admin.VsixFile;
import dev.vscmirror.ca.CertificateAuthority;
import dev.vscmirror.catalog.AssetRef;
import dev.vscmirror.catalog.AssetRows;
import dev.vscmirror.catalog.CatalogKeys;
import dev.vscmirror.catalog.ExtensionEntry;
import dev.vscmirror.catalog.VersionEntry;
import dev.vscmirror.config.MirrorConfig;
import dev.vscmirror.replay.ReplayResponder;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.RecordedExchange;
import dev.vscmirror.store.StoreStats;
import dev.vscmirror.update.UpdateRows;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/** The admin listener's view of the running mirror (ops' {@link AdminContext}), over the store, catalog and CA. */
final class MirrorAdminContext implements AdminContext {
    private static final String VSIX = "microsoft.visualstudio.services.vsixpackage";

    private final MirrorServer server;
    private final ContentStore store;
    private final CertificateAuthority ca;
    private final Supplier<ReplayResponder> responder;
    private final RecentActivity recent;

    MirrorAdminContext(MirrorServer server, ContentStore store, CertificateAuthority ca,
                       Supplier<ReplayResponder> responder, RecentActivity recent) {
        this.server = server;
        this.store = store;
        this.ca = ca;
        this.responder = responder;
        this.recent = recent;
    }

    @Override
    public MirrorConfig.Mode mode() {
        return server.mode().get();
    }

    @Override
    public void setMode(MirrorConfig.Mode mode) {
        server.mode().set(mode);
    }

    @Override
    public Instant startedAt() {
        return server.startedAt();
    }

    @Override
    public StoreSummary store() {
        StoreStats s = store.stats();
        return new StoreSummary(s.exchanges(), s.blobs(), s.blobBytes(), s.byHost());
    }

    @Override
    public CatalogSummary catalog() {
        List<ExtensionEntry> all = responder.get().catalog().index().all();
        long versions = all.stream().mapToLong(e -> e.versions().size()).sum();
        long publishers = all.stream().map(e -> e.publisherName().toLowerCase(Locale.ROOT)).distinct().count();
        long[] builds = {0};
        store.scan(CatalogKeys.UPDATES, new byte[] {UpdateRows.BUILD}, (key, value) -> builds[0]++);
        return new CatalogSummary(all.size(), versions, publishers, builds[0]);
    }

    @Override
    public ExtensionPage extensions(String query, int page, int pageSize) {
        String q = query.toLowerCase(Locale.ROOT);
        List<ExtensionSummary> matching = new ArrayList<>();
        for (ExtensionEntry e : responder.get().catalog().index().all()) {
            if (q.isEmpty() || e.id().contains(q) || e.displayName().toLowerCase(Locale.ROOT).contains(q)
                    || e.shortDescription().toLowerCase(Locale.ROOT).contains(q)) {
                matching.add(summary(e));
            }
        }
        int from = Math.min(matching.size(), (Math.max(1, page) - 1) * pageSize);
        int to = Math.min(matching.size(), from + pageSize);
        return new ExtensionPage(matching.size(), matching.subList(from, to));
    }

    @Override
    public Optional<ExtensionDetails> extension(String publisher, String name) {
        ExtensionEntry e = responder.get().catalog().index()
                .byId((publisher + "." + name).toLowerCase(Locale.ROOT));
        if (e == null) {
            return Optional.empty();
        }
        List<ExtensionVersion> versions = new ArrayList<>();
        for (VersionEntry v : e.versions()) {
            long size = vsixExchange(e.publisherName(), e.extensionName(), v.version(), v.platformKey())
                    .map(RecordedExchange::bodySize).orElse(-1L);
            versions.add(new ExtensionVersion(v.version(), v.targetPlatform(), v.preRelease(), size,
                    v.lastUpdated() == 0 ? null : Instant.ofEpochMilli(v.lastUpdated())));
        }
        return Optional.of(new ExtensionDetails(summary(e), versions));
    }

    @Override
    public Optional<VsixFile> vsix(String publisher, String name, String version, String targetPlatform) {
        return vsixExchange(publisher, name, version, targetPlatform == null ? "" : targetPlatform)
                .filter(ex -> ex.bodySha256() != null)
                .map(ex -> new VsixFile(store.blobPath(ex.bodySha256()), ex.header("Content-Encoding")));
    }

    /** The recorded 200 answer of any URL form of one version's VSIX (the catalog's asset rows link them). */
    private Optional<RecordedExchange> vsixExchange(String publisher, String name, String version, String platform) {
        AssetRef ref = new AssetRef(publisher.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT),
                version.toLowerCase(Locale.ROOT), platform.toLowerCase(Locale.ROOT), VSIX, AssetRef.Form.CDN);
        List<String> keys = new ArrayList<>();
        store.scan(CatalogKeys.ASSETS, AssetRows.prefix(ref), (key, value) -> {
            AssetRows.Link link = AssetRows.decode(value);
            if (link.status() == 200) {
                keys.add(link.requestKey());
            }
        });
        return keys.stream().map(store::exchange).flatMap(Optional::stream).findFirst();
    }

    private static ExtensionSummary summary(ExtensionEntry e) {
        List<VersionEntry> versions = e.versions();
        return new ExtensionSummary(e.publisherName(), e.extensionName(), blankToNull(e.displayName()),
                versions.isEmpty() ? null : versions.get(0).version(), versions.size(),
                blankToNull(e.shortDescription()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @Override
    public List<MissEntry> misses(int limit) {
        return responder.get().misses().list().stream().limit(limit)
                .map(m -> new MissEntry(m.kind(), m.what(), m.count(), m.lastSeen())).toList();
    }

    @Override
    public Optional<X509Certificate> caCertificate() {
        return Optional.of(ca.certificate());
    }

    @Override
    public List<ReadinessPart> readiness() {
        List<String> bound = server.boundListeners();
        return List.of(ReadinessPart.ready("store"), ReadinessPart.ready("ca"),
                bound.isEmpty() ? ReadinessPart.notReady("listeners", "no TLS or proxy listener configured")
                        : new ReadinessPart("listeners", true, String.join(", ", bound)));
    }

    @Override
    public List<AccessLogEntry> recentActivity(int limit) {
        return recent.latest(limit);
    }
}
