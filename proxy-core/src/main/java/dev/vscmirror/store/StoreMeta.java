package dev.vscmirror.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The {@code meta} family: {@code schemaVersion}, {@code storeId} (a random UUID made with the store),
 * {@code lastSequence}, and {@code property.*} values (such as import progress). Keys per {@link StoreKeys#meta}.
 */
final class StoreMeta {
    private final RocksIndex index;
    private final Path dataDir;

    StoreMeta(RocksIndex index, Path dataDir) {
        this.index = index;
        this.dataDir = dataDir;
    }

    /** Checks the schema version and returns the store id, creating both on a new store. */
    String init(int schemaVersion) {
        Optional<String> schema = read("schemaVersion");
        if (schema.isPresent() && Integer.parseInt(schema.get()) > schemaVersion) {
            throw new StoreException("store " + dataDir + " has schema version " + schema.get()
                    + ", newer than this vscmirror understands (" + schemaVersion + "); upgrade vscmirror");
        }
        Optional<String> id = read("storeId");
        if (id.isPresent()) {
            return id.get();
        }
        String newId = UUID.randomUUID().toString();
        try (WriteBatch batch = new WriteBatch()) {
            batch.put(index.handle(Families.META), StoreKeys.meta("schemaVersion"), utf8(Integer.toString(schemaVersion)));
            batch.put(index.handle(Families.META), StoreKeys.meta("storeId"), utf8(newId));
            index.write(batch);
        } catch (RocksDBException e) {
            throw new StoreException("cannot initialise store " + dataDir + ": " + e.getMessage(), e);
        }
        return newId;
    }

    Optional<String> read(String name) {
        byte[] v = index.get(Families.META, StoreKeys.meta(name));
        return v == null ? Optional.empty() : Optional.of(new String(v, StandardCharsets.UTF_8));
    }

    void put(String name, String value) {
        try (WriteBatch batch = new WriteBatch()) {
            batch.put(index.handle(Families.META), StoreKeys.meta(name), utf8(value));
            index.write(batch);
        } catch (RocksDBException e) {
            throw new StoreException("cannot set " + name + " in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
