package dev.vscmirror.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The mirror's store: bodies as content-addressed files under {@code <data>/blobs/}, everything else in
 * the RocksDB index {@code <data>/index/} (see {@link Families}, {@link StoreKeys}).
 *
 * <p>Commit order: a body is committed through {@link BlobWriter} (fsync, atomic rename) before
 * {@link #putExchange} writes the exchange, its journal entry and its derived rows in one batch; an
 * exchange whose blob is missing is refused, so no row ever points at a missing or partial blob.
 *
 * <p>All methods block (disk I/O): call them off event loops. Thread-safe, except {@link BlobWriter}s.
 */
public final class ContentStore implements AutoCloseable {
    /** Version of the store layout, in meta {@code schemaVersion}. */
    public static final int SCHEMA_VERSION = 1;
    private static final byte[] EXCHANGE_PREFIX = {StoreKeys.EXCHANGE_V1};
    private static final byte[] JOURNAL_PREFIX = {StoreKeys.JOURNAL_V1};
    private static final String PROPERTY_PREFIX = "property.";

    private final Path dataDir;
    private final Blobs blobs;
    private final RocksIndex index;
    private final StoreLock lock;
    private final StoreMeta meta;
    private final String storeId;
    private final AtomicLong lastSequence;
    private final Object writeLock = new Object();
    private StatsCounter stats;

    private ContentStore(Path dataDir, RocksIndex index, StoreLock lock) {
        this.dataDir = dataDir;
        this.blobs = new Blobs(dataDir.resolve("blobs"));
        this.index = index;
        this.lock = lock;
        this.meta = new StoreMeta(index, dataDir);
        this.storeId = lock == null ? meta.read("storeId").orElse("unknown") : meta.init(SCHEMA_VERSION);
        byte[] last = index.lastKey(Families.JOURNAL);
        long fromJournal = last == null ? 0 : StoreKeys.journalSequence(last);
        long fromMeta = meta.read("lastSequence").map(Long::parseLong).orElse(0L);
        this.lastSequence = new AtomicLong(Math.max(fromJournal, fromMeta));
    }

    /**
     * Opens (creating if needed) the store in {@code dataDir} for reading and writing: takes the exclusive
     * lock (a second opener gets {@link StoreLockedException} naming the holder), removes leftover temp
     * blobs, creates missing column families.
     */
    public static ContentStore open(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        StoreLock lock = null;
        RocksIndex index = null;
        try {
            Files.createDirectories(dataDir.resolve("blobs"));
            lock = StoreLock.acquire(dataDir);
            new Blobs(dataDir.resolve("blobs")).removeLeftoverTemps();
            index = RocksIndex.open(dataDir.resolve("index"), false);
            return new ContentStore(dataDir, index, lock);
        } catch (IOException e) {
            closeAfterFailure(index, lock);
            throw new StoreException("cannot open store " + dataDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAfterFailure(index, lock);
            throw e;
        }
    }

    /**
     * Opens an existing store for reading only. Works while a running mirror holds the store; sees a
     * consistent snapshot as of opening (later writes by the holder are not seen). Writing methods throw
     * {@link IllegalStateException}.
     */
    public static ContentStore openReadOnly(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        return new ContentStore(dataDir, RocksIndex.open(dataDir.resolve("index"), true), null);
    }

    private static void closeAfterFailure(RocksIndex index, StoreLock lock) {
        if (index != null) {
            index.close();
        }
        if (lock != null) {
            lock.close();
        }
    }


    public Path dataDir() {
        return dataDir;
    }

    public boolean readOnly() {
        return lock == null;
    }

    /** The store's identity (a random UUID made when the store was created). */
    public String storeId() {
        return storeId;
    }

    /** A writer for one new body. Blocking I/O; thread-confined. */
    public BlobWriter newBlob() {
        checkWritable();
        return new BlobWriter(blobs);
    }

    /** Where the blob with this SHA-256 lives (whether or not it exists). */
    public Path blobPath(String sha256Hex) {
        return blobs.path(sha256Hex);
    }

    public boolean hasBlob(String sha256Hex) {
        return blobs.size(sha256Hex) >= 0;
    }

    /**
     * Writes the exchange, a new journal sequence and the derived rows in one batch, and returns the
     * sequence. An exchange whose content (everything but recordedAt, upstream and upstreamMillis) equals
     * the stored one under the same key is unchanged: it keeps its old sequence (returned) and row, and
     * only the derived rows are written. A changed exchange gets a new sequence; its old journal entry goes.
     *
     * @throws StoreException when the body blob is not committed with the exchange's size
     */
    public long putExchange(RecordedExchange exchange, List<IndexRow> derivedRows) {
        checkWritable();
        checkBlob(exchange);
        synchronized (writeLock) {
            try (WriteBatch batch = new WriteBatch()) {
                ExchangeRows.Pending p = ExchangeRows.add(index, batch, exchange, lastSequence.get());
                addRows(batch, derivedRows);
                index.write(batch);
                commitPending(List.of(p));
                return p.seq();
            } catch (RocksDBException e) {
                throw new StoreException("cannot write exchange " + exchange.requestKey() + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Writes several exchanges (distinct request keys) in one batch, with the same rules as
     * {@link #putExchange} and no derived rows (bundle import writes those separately).
     */
    public void putExchanges(List<RecordedExchange> exchanges) {
        checkWritable();
        if (exchanges.stream().map(RecordedExchange::requestKey).distinct().count() != exchanges.size()) {
            throw new IllegalArgumentException("exchanges: the same request key twice in one batch");
        }
        exchanges.forEach(this::checkBlob);
        synchronized (writeLock) {
            try (WriteBatch batch = new WriteBatch()) {
                List<ExchangeRows.Pending> pending = new java.util.ArrayList<>();
                long seq = lastSequence.get();
                for (RecordedExchange e : exchanges) {
                    ExchangeRows.Pending p = ExchangeRows.add(index, batch, e, seq);
                    seq = Math.max(seq, p.seq());
                    pending.add(p);
                }
                index.write(batch);
                commitPending(pending);
            } catch (RocksDBException e) {
                throw new StoreException("cannot write " + exchanges.size() + " exchanges: " + e.getMessage(), e);
            }
        }
    }

    private void checkBlob(RecordedExchange exchange) {
        if (exchange.bodySha256() != null && blobs.size(exchange.bodySha256()) != exchange.bodySize()) {
            throw new StoreException("refusing exchange " + exchange.requestKey() + ": its body blob "
                    + blobPath(exchange.bodySha256()) + " is not committed with " + exchange.bodySize()
                    + " bytes (commit the blob first)");
        }
    }

    private void commitPending(List<ExchangeRows.Pending> pending) {
        for (ExchangeRows.Pending p : pending) {
            if (!p.changed()) {
                continue;
            }
            lastSequence.set(Math.max(lastSequence.get(), p.seq()));
            if (stats != null) {
                if (p.old() == null) {
                    stats.add(p.exchange());
                } else {
                    stats.replace(p.old(), p.exchange());
                }
            }
        }
    }

    public Optional<RecordedExchange> exchange(String requestKey) {
        byte[] bytes = index.get(Families.EXCHANGES, StoreKeys.exchange(requestKey));
        return bytes == null ? Optional.empty() : Optional.of(ExchangeCodec.fromBytes(bytes));
    }

    /** Visits every exchange in request-key order. */
    public void forEachExchange(Consumer<RecordedExchange> action) {
        forEachExchangeWithSequence((e, seq) -> action.accept(e));
    }

    /** Visits every exchange with its journal sequence, in request-key order. */
    public void forEachExchangeWithSequence(ObjLongConsumer<RecordedExchange> action) {
        index.scan(Families.EXCHANGES, EXCHANGE_PREFIX, null, (k, v) -> {
            JsonNode node = ExchangeCodec.read(v);
            action.accept(ExchangeCodec.fromNode(node), ExchangeCodec.storedSequence(node));
        });
    }

    /** Visits journal entries with a sequence greater than {@code afterSequence}, in sequence order. */
    public void forEachJournal(long afterSequence, BiConsumer<Long, String> seqAndRequestKey) {
        index.scan(Families.JOURNAL, JOURNAL_PREFIX, StoreKeys.journal(Math.max(0, afterSequence + 1)),
                (k, v) -> seqAndRequestKey.accept(StoreKeys.journalSequence(k), new String(v, StandardCharsets.UTF_8)));
    }

    /** The highest sequence handed out so far (0 for an empty store). */
    public long lastSequence() {
        return lastSequence.get();
    }

    /** Writes rows of non-store-owned families in one batch. */
    public void write(List<IndexRow> rows) {
        checkWritable();
        try (WriteBatch batch = new WriteBatch()) {
            addRows(batch, rows);
            index.write(batch);
        } catch (RocksDBException e) {
            throw new StoreException("cannot write " + rows.size() + " rows to " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private void addRows(WriteBatch batch, List<IndexRow> rows) throws RocksDBException {
        for (IndexRow row : rows) {
            if (Families.require(row.family()).storeOwned()) {
                throw new IllegalArgumentException("family: " + row.family() + " (expected a derived family; "
                        + "exchanges, journal and meta are written by the store itself)");
            }
            batch.put(index.handle(row.family()), row.key(), row.value());
        }
    }

    public Optional<byte[]> get(String family, byte[] key) {
        return Optional.ofNullable(index.get(family, key));
    }

    /** Visits the rows of {@code family} whose key starts with {@code prefix} (empty: all), in key order. */
    public void scan(String family, byte[] prefix, BiConsumer<byte[], byte[]> action) {
        index.scan(family, prefix, null, action);
    }

    /** Deletes every row of a derived family (reindex). */
    public void clearFamily(String family) {
        checkWritable();
        if (Families.require(family).storeOwned()) {
            throw new IllegalArgumentException("family: " + family + " (expected a derived family)");
        }
        StoreBatches.deleteAll(index, family);
    }

    /** A store-level property kept in meta (e.g. import progress); empty when unset. */
    public Optional<String> property(String name) {
        return meta.read(PROPERTY_PREFIX + name);
    }

    public void setProperty(String name, String value) {
        checkWritable();
        meta.put(PROPERTY_PREFIX + name, value);
    }

    /** Counts of exchanges, distinct bodies, their bytes and exchanges per host. The first call scans. */
    public StoreStats stats() {
        synchronized (writeLock) {
            if (stats == null) {
                StatsCounter counter = new StatsCounter();
                forEachExchange(counter::add);
                stats = counter;
            }
            return stats.snapshot();
        }
    }


    private void checkWritable() {
        if (lock == null) {
            throw new IllegalStateException("store " + dataDir + " is open read-only");
        }
    }

    /** Closes the index, then releases the lock. */
    @Override
    public void close() {
        synchronized (writeLock) {
            index.close();
            if (lock != null) {
                lock.close();
            }
        }
    }
}
