package dev.vscmirror.store;

import static dev.vscmirror.store.StoreFixtures.blob;
import static dev.vscmirror.store.StoreFixtures.exchange;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.security.MessageDigest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentStoreTest {
    @TempDir
    Path dir;

    @Test
    void blobIsStoredUnderItsSha256WithFanOut() throws Exception {
        try (ContentStore store = ContentStore.open(dir)) {
            BlobRef ref = blob(store, "hello");
            String expected = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest("hello".getBytes(StandardCharsets.UTF_8)));
            assertEquals(new BlobRef(expected, 5), ref);
            assertEquals(dir.resolve("blobs").resolve(expected.substring(0, 2)).resolve(expected), store.blobPath(expected));
            assertEquals("hello", Files.readString(store.blobPath(expected)));
            assertTrue(store.hasBlob(expected));
        }
    }

    @Test
    void identicalBodiesAreStoredOnce() throws Exception {
        try (ContentStore store = ContentStore.open(dir)) {
            BlobRef a = blob(store, "same body");
            BlobRef b;
            try (BlobWriter w = store.newBlob()) {
                w.write(ByteBuffer.wrap("same ".getBytes(StandardCharsets.UTF_8)));
                w.write(ByteBuffer.wrap("body".getBytes(StandardCharsets.UTF_8)));
                b = w.commit();
            }
            assertEquals(a, b);
            try (Stream<Path> files = Files.walk(dir.resolve("blobs"))) {
                assertEquals(1, files.filter(Files::isRegularFile).count());
            }
        }
    }

    @Test
    void abortedAndUnclosedWritersLeaveNoBlob() throws Exception {
        try (ContentStore store = ContentStore.open(dir)) {
            try (BlobWriter w = store.newBlob()) {
                w.write(new byte[] {1, 2, 3}, 0, 3);
            }
            try (Stream<Path> files = Files.walk(dir.resolve("blobs"))) {
                assertEquals(0, files.filter(Files::isRegularFile).count());
            }
        }
    }

    @Test
    void leftoverTempFilesAreRemovedOnOpen() throws Exception {
        Files.createDirectories(dir.resolve("blobs/tmp"));
        Files.writeString(dir.resolve("blobs/tmp/crashed.tmp"), "partial body");
        try (ContentStore store = ContentStore.open(dir)) {
            assertFalse(Files.exists(dir.resolve("blobs/tmp/crashed.tmp")));
        }
    }

    @Test
    void exchangeIsRefusedWhenItsBlobIsMissing() {
        try (ContentStore store = ContentStore.open(dir)) {
            BlobRef never = new BlobRef("ab".repeat(32), 10);
            RecordedExchange e = exchange("marketplace.visualstudio.com", "/x", never, 200);
            StoreException ex = assertThrows(StoreException.class, () -> store.putExchange(e, List.of()));
            assertTrue(ex.getMessage().contains("ab".repeat(32)), ex.getMessage());
            assertTrue(store.exchange(e.requestKey()).isEmpty());
            assertEquals(0, store.lastSequence());
        }
    }

    @Test
    void exchangeIsRefusedWhenItsBlobHasAnotherSize() {
        try (ContentStore store = ContentStore.open(dir)) {
            BlobRef real = blob(store, "four");
            RecordedExchange e = exchange("marketplace.visualstudio.com", "/x", new BlobRef(real.sha256(), 99), 200);
            assertThrows(StoreException.class, () -> store.putExchange(e, List.of()));
        }
    }

    @Test
    void journalGivesEveryNewOrChangedExchangeANewSequence() {
        try (ContentStore store = ContentStore.open(dir)) {
            BlobRef one = blob(store, "one");
            BlobRef two = blob(store, "two");
            RecordedExchange a = exchange("marketplace.visualstudio.com", "/a", one, 200);
            RecordedExchange b = exchange("update.code.visualstudio.com", "/b", null, 204);
            assertEquals(1, store.putExchange(a, List.of()));
            assertEquals(2, store.putExchange(b, List.of()));
            // same content recorded again later: unchanged, keeps sequence 1
            RecordedExchange aAgain = new RecordedExchange(a.requestKey(), a.method(), a.url(), a.status(), a.headers(),
                    a.bodySha256(), a.bodySize(), Instant.parse("2026-12-06T00:00:00Z"), a.upstream(), 99);
            assertEquals(1, store.putExchange(aAgain, List.of()));
            // changed body: new sequence 3, the old journal entry goes
            RecordedExchange aChanged = exchange("marketplace.visualstudio.com", "/a", two, 200);
            assertEquals(3, store.putExchange(aChanged, List.of()));
            List<String> journal = new ArrayList<>();
            store.forEachJournal(0, (seq, key) -> journal.add(seq + " " + key));
            assertEquals(List.of("2 " + b.requestKey(), "3 " + a.requestKey()), journal);
            List<Long> after2 = new ArrayList<>();
            store.forEachJournal(2, (seq, key) -> after2.add(seq));
            assertEquals(List.of(3L), after2);
            assertEquals(3, store.lastSequence());
            assertEquals(two.sha256(), store.exchange(a.requestKey()).orElseThrow().bodySha256());
        }
    }

    @Test
    void derivedRowsAreWrittenWithTheExchangeAndStoreFamiliesAreProtected() {
        try (ContentStore store = ContentStore.open(dir)) {
            IndexRow row = new IndexRow(Families.CATALOG, new byte[] {1, 'k'}, new byte[] {'v'});
            store.putExchange(exchange("marketplace.visualstudio.com", "/a", null, 204), List.of(row));
            assertArrayEquals(new byte[] {'v'}, store.get(Families.CATALOG, new byte[] {1, 'k'}).orElseThrow());
            IndexRow bad = new IndexRow(Families.JOURNAL, new byte[] {1}, new byte[] {1});
            assertThrows(IllegalArgumentException.class, () -> store.write(List.of(bad)));
            assertThrows(IllegalArgumentException.class, () -> store.write(List.of(new IndexRow("nope", new byte[1], new byte[1]))));
        }
    }

    @Test
    void scanVisitsExactlyThePrefixAndClearFamilyEmptiesIt() {
        try (ContentStore store = ContentStore.open(dir)) {
            store.write(List.of(new IndexRow(Families.ASSETS, new byte[] {1, 1}, new byte[] {1}),
                    new IndexRow(Families.ASSETS, new byte[] {1, 2}, new byte[] {2}),
                    new IndexRow(Families.ASSETS, new byte[] {2, 1}, new byte[] {3})));
            List<Byte> seen = new ArrayList<>();
            store.scan(Families.ASSETS, new byte[] {1}, (k, v) -> seen.add(v[0]));
            assertEquals(List.of((byte) 1, (byte) 2), seen);
            store.clearFamily(Families.ASSETS);
            store.scan(Families.ASSETS, new byte[0], (k, v) -> seen.add(v[0]));
            assertEquals(2, seen.size());
        }
    }

    @Test
    void secondReadWriteOpenerIsToldWhoHoldsTheStore() {
        try (ContentStore store = ContentStore.open(dir)) {
            StoreLockedException e = assertThrows(StoreLockedException.class, () -> ContentStore.open(dir));
            assertTrue(e.getMessage().contains("pid=" + ProcessHandle.current().pid()), e.getMessage());
            assertTrue(e.holder().contains("host="), e.holder());
        }
        try (ContentStore again = ContentStore.open(dir)) {
            assertFalse(again.readOnly());
        }
    }

    @Test
    void reopenKeepsExchangesSequencesAndStoreId() {
        String id;
        RecordedExchange a;
        try (ContentStore store = ContentStore.open(dir)) {
            id = store.storeId();
            a = exchange("ms-python.gallerycdn.vsassets.io", "/file", blob(store, "vsix bytes"), 200);
            store.putExchange(a, List.of());
        }
        try (ContentStore store = ContentStore.open(dir)) {
            assertEquals(id, store.storeId());
            assertEquals(a, store.exchange(a.requestKey()).orElseThrow());
            assertEquals(1, store.lastSequence());
            assertEquals(2, store.putExchange(exchange("x.gallerycdn.vsassets.io", "/f", null, 404), List.of()));
        }
    }

    @Test
    void statsCountExchangesDistinctBlobsAndHosts() {
        try (ContentStore store = ContentStore.open(dir)) {
            BlobRef body = blob(store, "shared body");
            store.putExchange(exchange("marketplace.visualstudio.com", "/a", body, 200), List.of());
            StoreStats first = store.stats();
            store.putExchange(exchange("marketplace.visualstudio.com", "/b", body, 200), List.of());
            store.putExchange(exchange("update.code.visualstudio.com", "/c", null, 204), List.of());
            assertEquals(1, first.exchanges());
            StoreStats stats = store.stats();
            assertEquals(new StoreStats(3, 1, body.size(),
                    Map.of("marketplace.visualstudio.com", 2L, "update.code.visualstudio.com", 1L)), stats);
        }
    }

    @Test
    void putExchangesWritesABatchWithConsecutiveSequences() {
        try (ContentStore store = ContentStore.open(dir)) {
            BlobRef body = blob(store, "batch body");
            RecordedExchange a = exchange("marketplace.visualstudio.com", "/a", body, 200);
            RecordedExchange b = exchange("marketplace.visualstudio.com", "/b", null, 404);
            store.putExchanges(List.of(a, b));
            store.putExchanges(List.of(a, b)); // unchanged: idempotent
            List<Long> seqs = new ArrayList<>();
            store.forEachJournal(0, (seq, key) -> seqs.add(seq));
            assertEquals(List.of(1L, 2L), seqs);
            assertEquals(2, store.lastSequence());
            RecordedExchange missing = exchange("marketplace.visualstudio.com", "/c", new BlobRef("cd".repeat(32), 1), 200);
            assertThrows(StoreException.class, () -> store.putExchanges(List.of(b, missing)));
            assertTrue(store.exchange(missing.requestKey()).isEmpty());
        }
    }

    @Test
    void commitExpectingRefusesBytesWithAnotherDigest() throws Exception {
        try (ContentStore store = ContentStore.open(dir)) {
            try (BlobWriter w = store.newBlob()) {
                w.write(new byte[] {1, 2, 3}, 0, 3);
                assertThrows(StoreException.class, () -> w.commitExpecting("00".repeat(32)));
            }
            try (Stream<Path> files = Files.walk(dir.resolve("blobs"))) {
                assertEquals(0, files.filter(Files::isRegularFile).count());
            }
        }
    }
}
