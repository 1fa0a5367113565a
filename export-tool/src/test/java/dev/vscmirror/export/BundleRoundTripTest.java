package dev.vscmirror.export;

import static dev.vscmirror.export.TestStores.assertSameContent;
import static dev.vscmirror.export.TestStores.record;
import static dev.vscmirror.export.TestStores.recordExtension;
import static dev.vscmirror.export.TestStores.snapshot;
import static dev.vscmirror.export.TestStores.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vscmirror.export.bundle.BundleFiles;
import dev.vscmirror.export.bundle.Manifest;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.Families;
import dev.vscmirror.store.IndexRow;
import dev.vscmirror.store.StoreVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleRoundTripTest {
    @TempDir
    Path tmp;

    private Path a() {
        return tmp.resolve("a");
    }

    private void populate(int from, int to) {
        try (ContentStore store = ContentStore.open(a())) {
            for (int i = from; i < to; i++) {
                recordExtension(store, "pub" + i, "ext" + i, "1.0." + i, 3000 + i);
            }
            record(store, "https://update.code.visualstudio.com/api/update/linux-x64/stable/" + "ab".repeat(20), new byte[0],
                    List.of(new IndexRow(Families.UPDATES, text("linux-x64/stable"), text("204 " + to)),
                            new IndexRow(Families.AUX, text("\u0001control"), text("{\"to\":" + to + "}"))));
        }
    }

    private static Manifest manifest(Path bundle) throws Exception {
        return Manifest.parse(Files.readAllBytes(bundle.resolve(BundleFiles.MANIFEST)));
    }

    @Test
    void roundTripGivesAnEmptyStoreTheSameExchangesDerivedRowsAndBlobs() throws Exception {
        populate(0, 5);
        Path bundle = tmp.resolve("bundle");
        Cli export = Cli.run("export", "--data-dir", a().toString(), "--out", bundle.toString(), "--since", "all");
        assertEquals(0, export.exit(), export.all());
        assertTrue(export.out().contains("exported "), export.out());
        Cli verify = Cli.run("verify", bundle.toString());
        assertEquals(0, verify.exit(), verify.all());
        Cli imp = Cli.run("import", bundle.toString(), "--data-dir", tmp.resolve("b").toString());
        assertEquals(0, imp.exit(), imp.all());
        assertTrue(imp.out().contains("imported "), imp.out());
        assertSameContent(a(), tmp.resolve("b"));
        assertFalse(snapshot(tmp.resolve("b")).isEmpty());
        try (ContentStore b = ContentStore.openReadOnly(tmp.resolve("b"))) {
            assertTrue(StoreVerifier.verify(b, n -> { }).ok());
            assertEquals(11, b.stats().exchanges());
        }
    }

    @Test
    void importingTwiceChangesNothing() throws Exception {
        populate(0, 3);
        Path bundle = tmp.resolve("bundle");
        assertEquals(0, Cli.run("export", "--data-dir", a().toString(), "--out", bundle.toString()).exit());
        assertEquals(0, Cli.run("import", bundle.toString(), "--data-dir", tmp.resolve("b").toString()).exit());
        Map<String, String> once = snapshot(tmp.resolve("b"));
        long seq;
        try (ContentStore b = ContentStore.openReadOnly(tmp.resolve("b"))) {
            seq = b.lastSequence();
        }
        Cli again = Cli.run("import", bundle.toString(), "--data-dir", tmp.resolve("b").toString());
        assertEquals(0, again.exit(), again.all());
        assertTrue(again.out().contains("already imported"), again.out());
        assertEquals(once, snapshot(tmp.resolve("b")));
        try (ContentStore b = ContentStore.openReadOnly(tmp.resolve("b"))) {
            assertEquals(seq, b.lastSequence());
        }
    }

    @Test
    void chainOfThreeIncrementalBundlesGivesTheSameStoreAsOneFullBundle() throws Exception {
        Path b1 = tmp.resolve("b1");
        Path b2 = tmp.resolve("b2");
        Path b3 = tmp.resolve("b3");
        populate(0, 3);
        assertEquals(0, Cli.run("export", "--data-dir", a().toString(), "--out", b1.toString()).exit());
        populate(3, 5);
        assertEquals(0, Cli.run("export", "--data-dir", a().toString(), "--out", b2.toString()).exit());
        try (ContentStore store = ContentStore.open(a())) {
            // a re-recorded answer with a new body, and a new URL whose body was carried by b1
            record(store, "https://pub0.gallerycdn.vsassets.io/extensions/pub0/ext0/1.0.0/1700000000000/"
                    + "Microsoft.VisualStudio.Code.Manifest", text("{\"changed\":true}"), List.of());
            byte[] oldVsix = TestStores.random(("pub1" + "ext1" + "1.0.1").hashCode(), 3001);
            record(store, "https://marketplace.visualstudio.com/_apis/public/gallery/publishers/pub1/vsextensions/ext1/1.0.1/vspackage",
                    oldVsix, List.of());
        }
        Cli third = Cli.run("export", "--data-dir", a().toString(), "--out", b3.toString());
        assertEquals(0, third.exit(), third.all());
        Manifest m3 = manifest(b3);
        assertEquals(2, m3.counts().exchanges());
        assertEquals(1, m3.counts().blobsCarried(), "the VSIX body travelled in b1 and is not repeated");
        assertEquals(1, m3.blobsExpected().size());
        assertEquals(manifest(b2).toSequence(), m3.sinceSequence());

        for (Path b : List.of(b1, b2, b3)) {
            Cli r = Cli.run("import", b.toString(), "--data-dir", tmp.resolve("chain").toString());
            assertEquals(0, r.exit(), r.all());
        }
        Path full = tmp.resolve("full");
        assertEquals(0, Cli.run("export", "--data-dir", a().toString(), "--out", full.toString(), "--since", "all").exit());
        assertEquals(0, Cli.run("import", full.toString(), "--data-dir", tmp.resolve("one").toString()).exit());
        assertSameContent(tmp.resolve("chain"), tmp.resolve("one"));
        assertSameContent(a(), tmp.resolve("chain"));
    }

    @Test
    void outOfOrderOrMissingEarlierBundleIsRefusedAndChangesNothing() throws Exception {
        Path b1 = tmp.resolve("b1");
        Path b2 = tmp.resolve("b2");
        Path b3 = tmp.resolve("b3");
        populate(0, 2);
        assertEquals(0, Cli.run("export", "--data-dir", a().toString(), "--out", b1.toString()).exit());
        populate(2, 3);
        assertEquals(0, Cli.run("export", "--data-dir", a().toString(), "--out", b2.toString()).exit());
        populate(3, 4);
        assertEquals(0, Cli.run("export", "--data-dir", a().toString(), "--out", b3.toString()).exit());

        Cli missingFirst = Cli.run("import", b2.toString(), "--data-dir", tmp.resolve("b").toString());
        assertEquals(1, missingFirst.exit());
        assertTrue(missingFirst.err().contains("import the earlier bundle(s) covering 1.."), missingFirst.err());

        assertEquals(0, Cli.run("import", b1.toString(), "--data-dir", tmp.resolve("b").toString()).exit());
        Map<String, String> before = snapshot(tmp.resolve("b"));
        Cli skipped = Cli.run("import", b3.toString(), "--data-dir", tmp.resolve("b").toString());
        assertEquals(1, skipped.exit());
        assertTrue(skipped.err().contains("Nothing was changed"), skipped.err());
        assertEquals(before, snapshot(tmp.resolve("b")));
        try (Stream<Path> files = Files.walk(tmp.resolve("b/blobs"))) {
            long blobs = files.filter(Files::isRegularFile).count();
            assertEquals(before.keySet().stream().filter(k -> k.startsWith("blob ")).count(), blobs);
        }
    }

    @Test
    void blobLargerThanAPartIsSplitAcrossPartsAndJoinedOnImport() throws Exception {
        try (ContentStore store = ContentStore.open(a())) {
            recordExtension(store, "big", "one", "2.0.0", 10_000);
            recordExtension(store, "small", "two", "1.0.0", 10);
        }
        Path bundle = tmp.resolve("bundle");
        Cli export = Cli.run("export", "--data-dir", a().toString(), "--out", bundle.toString(), "--part-size", "3000");
        assertEquals(0, export.exit(), export.all());
        Manifest m = manifest(bundle);
        assertTrue(m.parts().size() >= 4, "parts: " + m.parts());
        m.parts().forEach(p -> assertTrue(p.size() <= 3000, p.toString()));
        String index = Files.readString(bundle.resolve(BundleFiles.BLOBS));
        assertTrue(index.contains("blobs-00004.part"), index);
        assertEquals(0, Cli.run("verify", bundle.toString()).exit());
        assertEquals(0, Cli.run("import", bundle.toString(), "--data-dir", tmp.resolve("b").toString()).exit());
        assertSameContent(a(), tmp.resolve("b"));
    }

    @Test
    void exportWorksWhileTheMirrorHoldsTheStoreAndImportIntoAHeldStoreSaysStopTheMirror() throws Exception {
        populate(0, 2);
        Path bundle = tmp.resolve("bundle");
        try (ContentStore running = ContentStore.open(a())) {
            Cli export = Cli.run("export", "--data-dir", a().toString(), "--out", bundle.toString());
            assertEquals(0, export.exit(), export.all());
        }
        try (ContentStore runningB = ContentStore.open(tmp.resolve("b"))) {
            Cli imp = Cli.run("import", bundle.toString(), "--data-dir", tmp.resolve("b").toString());
            assertEquals(1, imp.exit());
            assertTrue(imp.err().contains("stop the mirror"), imp.err());
            assertEquals(0, runningB.lastSequence());
        }
    }

    @Test
    void watermarkMovesOnlyAfterACompleteExportAndNextExportHasOnlyTheChange() throws Exception {
        populate(0, 2);
        assertEquals(0, Cli.run("export", "--data-dir", a().toString(), "--out", tmp.resolve("b1").toString()).exit());
        assertTrue(Files.readString(a().resolve("export-state.json")).contains("\"lastExportedSequence\" : 5"));
        Cli failed = Cli.run("export", "--data-dir", a().toString(), "--out", tmp.resolve("b1").toString());
        assertEquals(1, failed.exit(), "the bundle directory is not empty");
        Cli empty = Cli.run("export", "--data-dir", a().toString(), "--out", tmp.resolve("b2").toString());
        assertEquals(0, empty.exit(), empty.all());
        assertEquals(0, manifest(tmp.resolve("b2")).counts().exchanges());
        Cli partial = Cli.run("export", "--data-dir", a().toString(), "--out", tmp.resolve("p").toString(),
                "--since", "all", "--include", "pub1.*");
        assertEquals(0, partial.exit(), partial.all());
        assertEquals(2, manifest(tmp.resolve("p")).counts().exchanges());
        assertTrue(manifest(tmp.resolve("p")).partial());
    }

    @Test
    void partialBundleCarriesOnlyMatchingExchangesAndImportDerivesTheirRows() throws Exception {
        populate(0, 3);
        Path bundle = tmp.resolve("partial");
        Cli export = Cli.run("export", "--data-dir", a().toString(), "--out", bundle.toString(), "--include", "pub1.ext1");
        assertEquals(0, export.exit(), export.all());
        assertFalse(Files.exists(bundle.resolve(BundleFiles.DERIVED)));
        assertFalse(Files.exists(a().resolve("export-state.json")), "a partial export must not move the watermark");
        Cli imp = Cli.run("import", bundle.toString(), "--data-dir", tmp.resolve("b").toString());
        assertEquals(0, imp.exit(), imp.all());
        Map<String, String> b = snapshot(tmp.resolve("b"));
        assertEquals(2, b.keySet().stream().filter(k -> k.startsWith("exchange ")).count());
        assertTrue(b.keySet().stream().anyMatch(k -> k.startsWith(Families.ASSETS + " ")),
                "the VSIX exchange derives an asset row on import: " + b.keySet());
    }
}
