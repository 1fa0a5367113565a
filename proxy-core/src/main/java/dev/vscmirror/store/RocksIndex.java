package dev.vscmirror.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB index {@code <data>/index/} with one column family per {@link Families} entry (missing ones
 * are created at a read-write open; a read-only open sees only those that exist). The WAL stays on: the
 * index is the truth (STYLE.md). Writes are not fsynced one by one: a process crash loses nothing that
 * {@code write} returned; an OS crash may lose the last writes, never point a row at a missing blob (blobs
 * are fsynced before their rows are written).
 *
 * <p>Close order (every Rocks object is closed): column family handles, then the database, then the
 * column family options, the DB options and the write options.
 */
final class RocksIndex implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private final RocksDB db;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final WriteOptions writeOptions;
    private final List<ColumnFamilyHandle> handles;
    private final Map<String, ColumnFamilyHandle> byLogicalName;
    private final Path dir;

    private RocksIndex(Path dir, RocksDB db, DBOptions dbOptions, ColumnFamilyOptions cfOptions,
            List<ColumnFamilyHandle> handles, Map<String, ColumnFamilyHandle> byLogicalName) {
        this.dir = dir;
        this.db = db;
        this.dbOptions = dbOptions;
        this.cfOptions = cfOptions;
        this.handles = handles;
        this.byLogicalName = byLogicalName;
        this.writeOptions = new WriteOptions();
    }

    static RocksIndex open(Path dir, boolean readOnly) {
        if (readOnly && !Files.isRegularFile(dir.resolve("CURRENT"))) {
            throw new StoreException("no store index at " + dir + " (nothing recorded there yet?)");
        }
        // A read-only open next to a running writer can race with its file switches (new MANIFEST, WAL,
        // compaction); such a failure is transient, so try a few times.
        for (int attempt = 1; ; attempt++) {
            try {
                return openOnce(dir, readOnly);
            } catch (StoreException e) {
                if (!readOnly || attempt == 3) {
                    throw e;
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static RocksIndex openOnce(Path dir, boolean readOnly) {
        List<String> existing = existingFamilies(dir);
        Set<String> names = new LinkedHashSet<>();
        names.add(new String(RocksDB.DEFAULT_COLUMN_FAMILY));
        names.addAll(existing);
        if (!readOnly) {
            Families.ALL.forEach(f -> names.add(f.physicalName()));
        }
        DBOptions dbOptions = new DBOptions().setCreateIfMissing(!readOnly).setCreateMissingColumnFamilies(!readOnly);
        if (readOnly) {
            // Open every SST file now: a running writer may compact and delete files later.
            dbOptions.setMaxOpenFiles(-1);
        }
        ColumnFamilyOptions cfOptions = new ColumnFamilyOptions();
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        names.forEach(n -> descriptors.add(new ColumnFamilyDescriptor(n.getBytes(), cfOptions)));
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try {
            RocksDB db = readOnly
                    ? RocksDB.openReadOnly(dbOptions, dir.toString(), descriptors, handles)
                    : RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
            Map<String, ColumnFamilyHandle> byLogical = new HashMap<>();
            List<String> opened = new ArrayList<>(names);
            for (Families.Family f : Families.ALL) {
                int i = opened.indexOf(f.physicalName());
                if (i >= 0) {
                    byLogical.put(f.name(), handles.get(i));
                }
            }
            return new RocksIndex(dir, db, dbOptions, cfOptions, handles, byLogical);
        } catch (RocksDBException e) {
            handles.forEach(ColumnFamilyHandle::close);
            cfOptions.close();
            dbOptions.close();
            throw new StoreException("cannot open store index " + dir + (readOnly ? " read-only" : "") + ": "
                    + e.getMessage(), e);
        }
    }

    private static List<String> existingFamilies(Path dir) {
        if (!Files.isRegularFile(dir.resolve("CURRENT"))) {
            return List.of();
        }
        try (Options options = new Options()) {
            return RocksDB.listColumnFamilies(options, dir.toString()).stream().map(String::new).toList();
        } catch (RocksDBException e) {
            throw new StoreException("cannot list column families of " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The handle of a family, or null when a read-only open found no such family (it reads as empty). */
    ColumnFamilyHandle handle(String family) {
        Families.require(family);
        return byLogicalName.get(family);
    }

    byte[] get(String family, byte[] key) {
        ColumnFamilyHandle h = handle(family);
        if (h == null) {
            return null;
        }
        try {
            return db.get(h, key);
        } catch (RocksDBException e) {
            throw new StoreException("cannot read " + family + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Visits rows whose key starts with {@code prefix}, from {@code start} (or the prefix when null), in key order. */
    void scan(String family, byte[] prefix, byte[] start, BiConsumer<byte[], byte[]> action) {
        ColumnFamilyHandle h = handle(family);
        if (h == null) {
            return;
        }
        try (RocksIterator it = db.newIterator(h)) {
            it.seek(start != null ? start : prefix);
            for (; it.isValid(); it.next()) {
                byte[] key = it.key();
                if (!startsWith(key, prefix)) {
                    break;
                }
                action.accept(key, it.value());
            }
            it.status();
        } catch (RocksDBException e) {
            throw new StoreException("cannot scan " + family + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The last key of a family, or null when it is empty. */
    byte[] lastKey(String family) {
        ColumnFamilyHandle h = handle(family);
        if (h == null) {
            return null;
        }
        try (RocksIterator it = db.newIterator(h)) {
            it.seekToLast();
            return it.isValid() ? it.key() : null;
        }
    }

    void write(WriteBatch batch) {
        try {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new StoreException("cannot write to store index " + dir + ": " + e.getMessage(), e);
        }
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    @Override
    public void close() {
        handles.forEach(ColumnFamilyHandle::close);
        db.close();
        cfOptions.close();
        dbOptions.close();
        writeOptions.close();
    }
}
