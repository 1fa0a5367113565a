package dev.vscmirror.admin;

import dev.vscmirror.accesslog.AccessLogEntry;
import dev.vscmirror.config.MirrorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An {@link AdminContext} over a small scripted catalog, for tests and the status page check. */
final class FakeAdminContext implements AdminContext {
    volatile MirrorConfig.Mode mode = MirrorConfig.Mode.RECORD;
    volatile boolean refuseModeChange;
    volatile List<ReadinessPart> readiness = List.of(ReadinessPart.ready("store"), ReadinessPart.ready("ca"),
            ReadinessPart.ready("listeners"));
    final Instant startedAt = Instant.now().minus(Duration.ofHours(26).plusMinutes(5));
    final X509Certificate ca;
    final List<ExtensionDetails> extensions = new ArrayList<>();
    final Map<String, Path> vsixFiles;
    final RecentActivity recent = new RecentActivity(100);

    /** {@code caValidity} lets a test show the expiry warning; VSIX files are written into {@code dir}. */
    FakeAdminContext(Path dir, Duration caValidity) {
        this.ca = TestCertificates.selfSignedCa("vscmirror CA", caValidity);
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        extensions.add(new ExtensionDetails(new ExtensionSummary("somepub", "hello", "Hello World", "1.1.0", 3,
                "Says hello to the world"), List.of(
                new ExtensionVersion("1.1.0", null, false, 2048, t),
                new ExtensionVersion("1.0.0", null, false, 1024, t.minus(Duration.ofDays(30))),
                new ExtensionVersion("0.9.0", null, true, -1, null))));
        extensions.add(new ExtensionDetails(new ExtensionSummary("ms-python", "python", "Python", "2026.1.0", 2,
                "Python language support"), List.of(
                new ExtensionVersion("2026.1.0", "linux-x64", false, 5_500_000, t),
                new ExtensionVersion("2026.1.0", "win32-x64", false, 5_600_000, t))));
        extensions.add(new ExtensionDetails(new ExtensionSummary("redhat", "vscode-yaml", "YAML", "1.15.0", 1,
                null), List.of(new ExtensionVersion("1.15.0", null, false, 300_000, t))));
        try {
            Files.createDirectories(dir);
            vsixFiles = Map.of(
                    "somepub.hello/1.1.0/null", write(dir.resolve("hello-1.1.0.vsix"), 2048, 'h'),
                    "somepub.hello/1.0.0/null", write(dir.resolve("hello-1.0.0.vsix"), 1024, 'o'),
                    "ms-python.python/2026.1.0/linux-x64", write(dir.resolve("python-linux.vsix"), 5000, 'l'),
                    "ms-python.python/2026.1.0/win32-x64", write(dir.resolve("python-win.vsix"), 6000, 'w'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        recent.add(new AccessLogEntry(Instant.now().minusSeconds(30), "127.0.0.1", "tls",
                "update.code.visualstudio.com", "GET", "/api/update/linux-x64/stable/abc?bg=false&u=secret-org",
                "HTTP/1.1", 204, 0, null, "Code/1.139.1", "hit", 2));
        recent.add(new AccessLogEntry(Instant.now().minusSeconds(10), "127.0.0.1", "tls",
                "marketplace.visualstudio.com", "POST", "/_apis/public/gallery/extensionquery", "HTTP/1.1", 200,
                1834, null, "Code/1.139.1", "synthesized", 14));
    }

    private static Path write(Path file, int size, char fill) throws IOException {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, (byte) fill);
        return Files.write(file, bytes);
    }

    @Override public MirrorConfig.Mode mode() {
        return mode;
    }

    @Override public void setMode(MirrorConfig.Mode mode) {
        if (refuseModeChange) {
            throw new IllegalArgumentException("cannot switch to " + mode + " while an import runs");
        }
        this.mode = mode;
    }

    @Override public Instant startedAt() {
        return startedAt;
    }

    @Override public StoreSummary store() {
        return new StoreSummary(1234, 987, 3_456_789_012L, Map.of("marketplace.visualstudio.com", 800L));
    }

    @Override public CatalogSummary catalog() {
        return new CatalogSummary(extensions.size(), 6, 3, 4);
    }

    @Override public ExtensionPage extensions(String query, int page, int pageSize) {
        String q = query.toLowerCase(Locale.ROOT);
        List<ExtensionSummary> matching = extensions.stream().map(ExtensionDetails::summary)
                .filter(s -> (s.publisher() + "." + s.name() + " " + s.displayName() + " " + s.description())
                        .toLowerCase(Locale.ROOT).contains(q))
                .toList();
        int from = Math.min(matching.size(), (page - 1) * pageSize);
        return new ExtensionPage(matching.size(), matching.subList(from, Math.min(matching.size(), from + pageSize)));
    }

    @Override public Optional<ExtensionDetails> extension(String publisher, String name) {
        return extensions.stream().filter(d -> d.summary().publisher().equalsIgnoreCase(publisher)
                && d.summary().name().equalsIgnoreCase(name)).findFirst();
    }

    @Override public Optional<VsixFile> vsix(String publisher, String name, String version, String targetPlatform) {
        Path p = vsixFiles.get(publisher + "." + name + "/" + version + "/" + targetPlatform);
        return Optional.ofNullable(p).map(path -> new VsixFile(path, null));
    }

    @Override public List<MissEntry> misses(int limit) {
        List<MissEntry> all = List.of(
                new MissEntry("extension", "somepub.absent", 12, Instant.now().minusSeconds(120)),
                new MissEntry("update", "/api/update/darwin/stable/abc?u=secret-org", 3, Instant.now()));
        return all.subList(0, Math.min(limit, all.size()));
    }

    @Override public Optional<X509Certificate> caCertificate() {
        return Optional.of(ca);
    }

    @Override public List<ReadinessPart> readiness() {
        return readiness;
    }

    @Override public List<AccessLogEntry> recentActivity(int limit) {
        return recent.latest(limit);
    }
}
