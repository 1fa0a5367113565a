package dev.vscmirror.store;

import java.util.ArrayList;
import java.util.List;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/** Bulk deletes, in batches so that a big family never makes one huge batch. */
final class StoreBatches {
    private static final int BATCH_ROWS = 10_000;

    private StoreBatches() {
    }

    static void deleteAll(RocksIndex index, String family) {
        List<byte[]> keys = new ArrayList<>();
        index.scan(family, new byte[0], null, (k, v) -> keys.add(k));
        for (int from = 0; from < keys.size(); from += BATCH_ROWS) {
            try (WriteBatch batch = new WriteBatch()) {
                for (byte[] k : keys.subList(from, Math.min(keys.size(), from + BATCH_ROWS))) {
                    batch.delete(index.handle(family), k);
                }
                index.write(batch);
            } catch (RocksDBException e) {
                throw new StoreException("cannot clear family " + family + ": " + e.getMessage(), e);
            }
        }
    }
}
