package dev.vscmirror.export;

import static dev.vscmirror.export.TestStores.recordExtension;
import static dev.vscmirror.export.TestStores.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vscmirror.export.sign.Ed25519Keys;
import dev.vscmirror.store.ContentStore;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and forged bundles: verify and import fail, naming what is wrong. */
class BundleTamperTest {
    @TempDir
    Path tmp;
    Path bundle;
    Path keys;

    @BeforeEach
    void exportSignedBundle() {
        try (ContentStore store = ContentStore.open(tmp.resolve("a"))) {
            for (int i = 0; i < 4; i++) {
                recordExtension(store, "pub" + i, "ext" + i, "1.0." + i, 5000);
            }
        }
        keys = tmp.resolve("keys");
        assertEquals(0, Cli.run("keygen", "--out", keys.toString()).exit());
        bundle = tmp.resolve("bundle");
        Cli export = Cli.run("export", "--data-dir", tmp.resolve("a").toString(), "--out", bundle.toString(),
                "--part-size", "8000", "--sign", keys.resolve(Ed25519Keys.PRIVATE_FILE).toString());
        assertEquals(0, export.exit(), export.all());
    }

    private Cli verify(String... extra) {
        String[] args = new String[2 + extra.length];
        args[0] = "verify";
        args[1] = bundle.toString();
        System.arraycopy(extra, 0, args, 2, extra.length);
        return Cli.run(args);
    }

    private Cli importInto(String store, String... extra) {
        String[] args = new String[4 + extra.length];
        args[0] = "import";
        args[1] = bundle.toString();
        args[2] = "--data-dir";
        args[3] = tmp.resolve(store).toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return Cli.run(args);
    }

    private void assertNoRowsImported(String store) throws Exception {
        if (Files.exists(tmp.resolve(store).resolve("index"))) {
            assertTrue(snapshot(tmp.resolve(store)).isEmpty(), "rows were imported");
        }
    }

    @Test
    void signedBundleVerifiesWithItsPublicKey() {
        Cli r = verify("--trust", keys.resolve(Ed25519Keys.PUBLIC_FILE).toString());
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("signature verified"), r.out());
    }

    @Test
    void flippedByteInAPartFailsVerifyAndImportNamingThePart() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(bundle.resolve("blobs-00002.part").toFile(), "rw")) {
            f.seek(100);
            int b = f.read();
            f.seek(100);
            f.write(b ^ 0x01);
        }
        Cli v = verify();
        assertEquals(1, v.exit());
        assertTrue(v.out().contains("PROBLEM part blobs-00002.part is corrupted"), v.out());
        Cli i = importInto("b");
        assertEquals(1, i.exit());
        assertTrue(i.err().matches("(?s).*blobs-00002\\.part[^\\n]*: corrupted blob .*"), i.err());
        assertNoRowsImported("b");
    }

    @Test
    void truncatedPartFailsNamingThePart() throws Exception {
        Path part = bundle.resolve("blobs-00001.part");
        try (RandomAccessFile f = new RandomAccessFile(part.toFile(), "rw")) {
            f.setLength(f.length() - 10);
        }
        Cli v = verify();
        assertEquals(1, v.exit());
        assertTrue(v.out().contains("part blobs-00001.part has ") && v.out().contains("(truncated)"), v.out());
        Cli i = importInto("b");
        assertEquals(1, i.exit());
        assertTrue(i.err().contains("blobs-00001.part"), i.err());
        assertNoRowsImported("b");
    }

    @Test
    void missingPartFailsNamingThePart() throws Exception {
        Files.delete(bundle.resolve("blobs-00003.part"));
        Cli v = verify();
        assertEquals(1, v.exit());
        assertTrue(v.out().contains("part blobs-00003.part is missing"), v.out());
        Cli i = importInto("b");
        assertEquals(1, i.exit());
        assertTrue(i.err().contains("part blobs-00003.part is missing"), i.err());
        assertNoRowsImported("b");
    }

    @Test
    void manifestEditedAfterSigningFailsTheSignature() throws Exception {
        Path manifest = bundle.resolve("manifest.json");
        String text = Files.readString(manifest, StandardCharsets.UTF_8);
        Files.writeString(manifest, text.replace("\"toSequence\" : 8", "\"toSequence\" : 9"), StandardCharsets.UTF_8);
        String pub = keys.resolve(Ed25519Keys.PUBLIC_FILE).toString();
        Cli v = verify("--trust", pub);
        assertEquals(1, v.exit());
        assertTrue(v.out().contains("manifest.json.sig does not verify"), v.out());
        Cli i = importInto("b", "--trust", pub);
        assertEquals(1, i.exit());
        assertTrue(i.err().contains("does not verify"), i.err());
        assertNoRowsImported("b");
    }

    @Test
    void wrongPublicKeyFailsTheSignature() {
        Path other = tmp.resolve("other-keys");
        assertEquals(0, Cli.run("keygen", "--out", other.toString()).exit());
        Cli v = verify("--trust", other.resolve(Ed25519Keys.PUBLIC_FILE).toString());
        assertEquals(1, v.exit());
        assertTrue(v.out().contains("signed with another key"), v.out());
        Cli i = importInto("b", "--trust", other.resolve(Ed25519Keys.PUBLIC_FILE).toString());
        assertEquals(1, i.exit());
    }

    @Test
    void unsignedBundleIsRefusedWhenTrustIsRequired() throws Exception {
        Files.delete(bundle.resolve("manifest.json.sig"));
        Cli i = importInto("b", "--trust", keys.resolve(Ed25519Keys.PUBLIC_FILE).toString());
        assertEquals(1, i.exit());
        assertTrue(i.err().contains("not signed"), i.err());
    }

    @Test
    void dataDirectoryThatRequiresSignaturesRefusesAnUnsignedBundleWithoutTrustFlag() throws Exception {
        Path target = tmp.resolve("b");
        Files.createDirectories(target);
        Files.copy(keys.resolve(Ed25519Keys.PUBLIC_FILE), target.resolve("import-trust.pub"));
        Files.delete(bundle.resolve("manifest.json.sig"));
        Cli i = importInto("b");
        assertEquals(1, i.exit());
        assertTrue(i.err().contains("not signed"), i.err());
        assertNoRowsImported("b");
    }

    @Test
    void dataDirectoryThatRequiresSignaturesAcceptsABundleSignedWithItsKey() throws Exception {
        Path target = tmp.resolve("b");
        Files.createDirectories(target);
        Files.copy(keys.resolve(Ed25519Keys.PUBLIC_FILE), target.resolve("import-trust.pub"));
        Cli i = importInto("b");
        assertEquals(0, i.exit(), i.all());
    }

    @Test
    void editedExchangesFileFailsNamingIt() throws Exception {
        Path ex = bundle.resolve("exchanges.jsonl");
        Files.writeString(ex, Files.readString(ex).replace("\"status\":200", "\"status\":201"));
        Cli v = verify();
        assertEquals(1, v.exit());
        assertTrue(v.out().contains("exchanges.jsonl is corrupted"), v.out());
    }
}
