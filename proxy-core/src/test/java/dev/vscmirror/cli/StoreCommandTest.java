package dev.vscmirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vscmirror.store.BlobRef;
import dev.vscmirror.store.BlobWriter;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.Header;
import dev.vscmirror.store.RecordedExchange;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StoreCommandTest {
    private static final String VSIX_PATH =
            "/extensions/ms-python/python/2024.1.0/1700000000000/Microsoft.VisualStudio.Services.VSIXPackage";
    @TempDir
    Path dir;
    private BlobRef vsix;

    @BeforeEach
    void record() {
        try (ContentStore store = ContentStore.open(dir)) {
            vsix = put(store, "ms-python.gallerycdn.vsassets.io", VSIX_PATH, "PK vsix bytes");
            put(store, "marketplace.visualstudio.com", "/_apis/public/gallery/extensionquery", "{\"results\":[]}");
            put(store, "marketplace.visualstudio.com", "/_apis/public/gallery/vscode/a/b/latest", "{}");
        }
    }

    private static BlobRef put(ContentStore store, String host, String path, String body) {
        BlobRef ref;
        try (BlobWriter w = store.newBlob()) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            w.write(b, 0, b.length);
            ref = w.commit();
        }
        store.putExchange(new RecordedExchange("GET " + host + path + " enc=identity", "GET", "https://" + host + path,
                200, List.of(new Header("Content-Type", "application/octet-stream")), ref.sha256(), ref.size(),
                Instant.now(), host, 5), List.of());
        return ref;
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new VscMirrorCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void statsPrintsCountsAndHosts() {
        Run r = run("store", "stats", "--data-dir", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("exchanges      3"), r.out());
        assertTrue(r.out().contains("blobs          3"), r.out());
        assertTrue(r.out().matches("(?s).*marketplace\\.visualstudio\\.com\\s+2.*"), r.out());
    }

    @Test
    void verifyPassesOnACleanStore() {
        Run r = run("store", "verify", "--data-dir", dir.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("OK: 3 exchanges, 3 blobs"), r.out());
    }

    @Test
    void verifyFailsNamingACorruptedAndAMissingBlob() throws Exception {
        Path file;
        try (ContentStore store = ContentStore.openReadOnly(dir)) {
            file = store.blobPath(vsix.sha256());
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[0] ^= 1;
        Files.write(file, bytes);
        Run corrupted = run("store", "verify", "--data-dir", dir.toString());
        assertEquals(1, corrupted.exit());
        assertTrue(corrupted.out().contains("PROBLEM blob " + file + " has SHA-256"), corrupted.out());
        Files.delete(file);
        Run missing = run("store", "verify", "--data-dir", dir.toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.out().contains("PROBLEM blob " + file + " is missing"), missing.out());
    }

    @Test
    void verifyWorksWhileTheStoreIsHeldByAWriter() {
        try (ContentStore running = ContentStore.open(dir)) {
            Run r = run("store", "verify", "--data-dir", dir.toString());
            assertEquals(0, r.exit(), r.out() + r.err());
        }
    }

    @Test
    void missingStoreIsAClearFailure() {
        Run r = run("store", "stats", "--data-dir", dir.resolve("nothing").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("no store index at"), r.err());
    }

    @Test
    void reindexRebuildsDerivedFamiliesFromTheExchanges() {
        java.util.List<dev.vscmirror.store.IndexRow> expected;
        try (ContentStore store = ContentStore.open(dir)) {
            store.write(List.of(new dev.vscmirror.store.IndexRow("catalog", new byte[] {9, 9}, new byte[] {1})));
            RecordedExchange vsixExchange = store.exchange("GET ms-python.gallerycdn.vsassets.io" + VSIX_PATH + " enc=identity").orElseThrow();
            expected = dev.vscmirror.catalog.DerivedRows.derive(vsixExchange, () -> Files.newInputStream(store.blobPath(vsix.sha256())));
        }
        assertTrue(!expected.isEmpty(), "the VSIX download derives an asset row");
        Run r = run("store", "reindex", "--data-dir", dir.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("reindexed 3 exchanges"), r.out());
        try (ContentStore store = ContentStore.openReadOnly(dir)) {
            assertTrue(store.get("catalog", new byte[] {9, 9}).isEmpty(), "stale derived row survived reindex");
            for (dev.vscmirror.store.IndexRow row : expected) {
                assertTrue(store.get(row.family(), row.key()).isPresent(), row.toString());
            }
        }
    }

    @Test
    void reindexRefusesAStoreHeldByARunningMirror() {
        try (ContentStore running = ContentStore.open(dir)) {
            Run r = run("store", "reindex", "--data-dir", dir.toString());
            assertEquals(1, r.exit());
            assertTrue(r.err().contains("stop the mirror"), r.err());
        }
    }
}
