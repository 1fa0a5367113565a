package dev.vscmirror.store;

import static dev.vscmirror.store.StoreFixtures.blob;
import static dev.vscmirror.store.StoreFixtures.exchange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadOnlyStoreTest {
    @TempDir
    Path dir;

    @Test
    void readOnlyOpenWorksWhileTheWriterHoldsTheStoreAndSeesASnapshot() {
        try (ContentStore writer = ContentStore.open(dir)) {
            RecordedExchange a = exchange("marketplace.visualstudio.com", "/a", blob(writer, "a"), 200);
            writer.putExchange(a, List.of(new IndexRow(Families.CATALOG, new byte[] {1}, new byte[] {7})));
            try (ContentStore reader = ContentStore.openReadOnly(dir)) {
                assertTrue(reader.readOnly());
                assertEquals(writer.storeId(), reader.storeId());
                assertEquals(a, reader.exchange(a.requestKey()).orElseThrow());
                assertEquals(1, reader.lastSequence());
                assertEquals(7, reader.get(Families.CATALOG, new byte[] {1}).orElseThrow()[0]);
                // the writer keeps recording; the reader's view stays as of its opening
                RecordedExchange b = exchange("marketplace.visualstudio.com", "/b", null, 204);
                writer.putExchange(b, List.of());
                assertTrue(reader.exchange(b.requestKey()).isEmpty());
                assertEquals(1, reader.stats().exchanges());
                assertThrows(IllegalStateException.class, reader::newBlob);
                assertThrows(IllegalStateException.class, () -> reader.putExchange(b, List.of()));
            }
            try (ContentStore later = ContentStore.openReadOnly(dir)) {
                assertEquals(2, later.lastSequence());
            }
        }
    }

    @Test
    void readOnlyOpenOfMissingStoreSaysSo() {
        StoreException e = assertThrows(StoreException.class, () -> ContentStore.openReadOnly(dir.resolve("none")));
        assertTrue(e.getMessage().contains("none"), e.getMessage());
    }
}
