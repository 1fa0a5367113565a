package dev.vscmirror.export.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vscmirror.export.bundle.BlobEntry;
import dev.vscmirror.export.bundle.BundleException;
import dev.vscmirror.export.bundle.BundleFiles;
import dev.vscmirror.export.bundle.BundleVerifier;
import dev.vscmirror.export.bundle.FileEntry;
import dev.vscmirror.export.bundle.JsonLines;
import dev.vscmirror.export.bundle.Manifest;
import dev.vscmirror.export.bundle.PartScanner;
import dev.vscmirror.catalog.DerivedRows;
import dev.vscmirror.store.BlobWriter;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.ExchangeCodec;
import dev.vscmirror.store.IndexRow;
import dev.vscmirror.store.RecordedExchange;
import dev.vscmirror.store.StoreException;
import dev.vscmirror.store.StoreLockedException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Imports a bundle into a store: checks manifest, signature and the JSON Lines files; refuses a bundle out
 * of order or needing blobs the target lacks; then reads the parts once, checking every part's SHA-256 and
 * committing each missing blob only if its SHA-256 is right; then writes exchanges and derived rows in
 * batches; last, records how far this source store has been imported. No row is written before every part
 * checked out, and no row is ever visible without its blob.
 *
 * <p>Derived rows travel in full bundles and are written as they are; for a partial ({@code --include}) bundle
 * they are derived here from the imported exchanges ({@link DerivedRows}).
 *
 * <p>Idempotent and resumable: blobs already present are not written again, unchanged exchanges keep
 * their sequence, derived rows are overwritten with the same bytes; a killed import re-run completes.
 *
 * <p>A store held by a running mirror is not imported into: the mirror owns the store read-write (one
 * writer) and keeps its catalog in memory; the import stops and tells the user to stop the mirror, import,
 * and start it again (the catalog is loaded from the store at start). This keeps the import independent of
 * the mirror's admin API and its authentication.
 */
public final class Importer {
    private static final int EXCHANGE_BATCH = 1_000;
    private static final int ROW_BATCH = 10_000;
    private final PrintStream err;

    public Importer(PrintStream err) {
        this.err = err;
    }

    /** What an import did (or, for a dry run, would do). */
    public record Result(Manifest manifest, long blobsWritten, long blobsPresent, long exchanges, long derivedRows,
            long bytesRead, double seconds, String note) {
    }

    public static String progressProperty(String sourceStoreId) {
        return "import." + sourceStoreId + ".through";
    }

    /**
     * A data directory that holds this file accepts only bundles signed with the key in it, even when the caller
     * gives no {@code --trust} (issue 5: "or when the target store is configured to require signatures").
     */
    public static final String REQUIRED_TRUST_FILE = "import-trust.pub";

    public Result importBundle(ImportOptions o) throws IOException {
        long start = System.nanoTime();
        Path trustKey = o.trustKey();
        Path required = o.dataDir().resolve(REQUIRED_TRUST_FILE);
        if (trustKey == null && Files.exists(required)) {
            trustKey = required;
            err.println("import: " + required + " is present: the bundle must be signed with that key");
        }
        BundleVerifier.Result meta = BundleVerifier.checkMetadata(o.bundle(), trustKey);
        if (!meta.ok()) {
            throw new BundleException("bundle " + o.bundle() + " failed verification, nothing imported:\n  "
                    + String.join("\n  ", meta.problems()));
        }
        Manifest m = meta.manifest();
        List<BlobEntry> blobs = BundleVerifier.readBlobIndex(o.bundle());
        List<RecordedExchange> exchanges = new ArrayList<>();
        JsonLines.read(o.bundle().resolve(BundleFiles.EXCHANGES), n -> exchanges.add(ExchangeCodec.fromNode(n)));
        Files.createDirectories(o.dataDir());
        ContentStore store;
        try {
            store = ContentStore.open(o.dataDir());
        } catch (StoreLockedException e) {
            throw new BundleException("the store in " + o.dataDir() + " is held by a running mirror (" + e.holder()
                    + "); stop the mirror (e.g. systemctl stop vscmirror), run the import again, then start the mirror");
        }
        try (store) {
            String note = checkOrder(store, m);
            if (note != null) {
                return new Result(m, 0, 0, 0, 0, 0, (System.nanoTime() - start) / 1e9, note);
            }
            checkBlobsAvailable(store, m, blobs, exchanges);
            if (o.dryRun()) {
                long missing = blobs.stream().filter(b -> !store.hasBlob(b.sha256())).count();
                return new Result(m, missing, blobs.size() - missing, exchanges.size(), m.counts().derivedRows(), 0,
                        (System.nanoTime() - start) / 1e9, "dry run: nothing written");
            }
            long partBytes = m.parts().stream().mapToLong(FileEntry::size).sum();
            Progress progress = new Progress("import", partBytes, err);
            List<String> problems;
            long written;
            try (BlobCommitter committer = new BlobCommitter()) {
                // one hash per byte: every blob's digest is checked (present ones too), which covers every part byte
                problems = new ArrayList<>(PartScanner.scan(o.bundle(), m, blobs, b -> blobTarget(store, b, committer),
                        progress, false));
                problems.addAll(committer.await());
                written = committer.committed();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BundleException("import interrupted; run it again to complete it", e);
            }
            if (!problems.isEmpty()) {
                throw new BundleException("bundle " + o.bundle() + " failed verification, no rows imported ("
                        + written + " verified blobs were stored):\n  " + String.join("\n  ", problems));
            }
            for (int i = 0; i < exchanges.size(); i += EXCHANGE_BATCH) {
                store.putExchanges(exchanges.subList(i, Math.min(exchanges.size(), i + EXCHANGE_BATCH)));
            }
            long rows = m.partial() ? derive(store, exchanges) : writeDerived(store, o.bundle());
            if (!m.partial()) {
                long through = store.property(progressProperty(m.storeId())).map(Long::parseLong).orElse(0L);
                store.setProperty(progressProperty(m.storeId()), Long.toString(Math.max(through, m.toSequence())));
            }
            return new Result(m, written, blobs.size() - written, exchanges.size(), rows, partBytes,
                    (System.nanoTime() - start) / 1e9, null);
        } catch (StoreException e) {
            throw new BundleException("import into " + o.dataDir() + " stopped: " + e.getMessage()
                    + "; no row points at a missing blob, re-run the import once the cause is fixed", e);
        }
    }

    /** Null to go on; a note when the bundle was already imported; throws when an earlier bundle is missing. */
    private static String checkOrder(ContentStore store, Manifest m) {
        if (m.storeId().equals(store.storeId())) {
            throw new BundleException("the bundle was exported from this very store (" + m.storeId() + "); nothing to import");
        }
        long through = store.property(progressProperty(m.storeId())).map(Long::parseLong).orElse(0L);
        if (m.sinceSequence() > through) {
            throw new BundleException("bundle covers sequences " + (m.sinceSequence() + 1) + ".." + m.toSequence()
                    + " of store " + m.storeId() + ", but this store has imported it only through " + through
                    + "; import the earlier bundle(s) covering " + (through + 1) + ".." + m.sinceSequence()
                    + " first (or a full bundle made with --since all). Nothing was changed.");
        }
        if (!m.partial() && m.toSequence() <= through && m.toSequence() > 0) {
            return "already imported: store " + m.storeId() + " is imported through " + through + "; nothing to do";
        }
        return null;
    }

    private static void checkBlobsAvailable(ContentStore store, Manifest m, List<BlobEntry> blobs,
            List<RecordedExchange> exchanges) {
        Set<String> carried = new HashSet<>();
        blobs.forEach(b -> carried.add(b.sha256()));
        Set<String> lacking = new TreeSet<>();
        for (RecordedExchange e : exchanges) {
            if (e.bodySha256() != null && !carried.contains(e.bodySha256()) && !store.hasBlob(e.bodySha256())) {
                lacking.add(e.bodySha256());
            }
        }
        m.blobsExpected().stream().filter(d -> !store.hasBlob(d)).forEach(lacking::add);
        if (!lacking.isEmpty()) {
            throw new BundleException("the bundle needs " + lacking.size() + " blob(s) that this store does not have "
                    + "(they travelled in an earlier bundle; import that first). Nothing was changed. Missing:\n  "
                    + String.join("\n  ", lacking));
        }
    }

    private static PartScanner.BlobTarget blobTarget(ContentStore store, BlobEntry blob, BlobCommitter committer) {
        if (store.hasBlob(blob.sha256()) && Files.isRegularFile(store.blobPath(blob.sha256()))) {
            try {
                if (Files.size(store.blobPath(blob.sha256())) == blob.size()) {
                    return BundleVerifier.digestTarget(blob); // already there: only check the bundle's bytes
                }
            } catch (IOException e) {
                throw new StoreException("cannot read " + store.blobPath(blob.sha256()) + ": " + e.getMessage(), e);
            }
        }
        BlobWriter writer = store.newBlob();
        return new PartScanner.BlobTarget() {
            @Override
            public void write(byte[] b, int off, int len) {
                writer.write(b, off, len);
            }

            @Override
            public String finish() throws IOException {
                try {
                    committer.commit(writer, blob.sha256(), String.join(", ",
                            blob.pieces().stream().map(BlobEntry.Piece::part).distinct().toList()));
                    return null;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    writer.abort();
                    throw new IOException("interrupted", e);
                }
            }

            @Override
            public void abandon() {
                writer.abort();
            }
        };
    }

    /** A partial bundle carries no derived rows: derive them here, as the recorder would have. */
    private static long derive(ContentStore store, List<RecordedExchange> exchanges) {
        List<IndexRow> batch = new ArrayList<>();
        long count = 0;
        for (RecordedExchange e : exchanges) {
            List<IndexRow> rows = DerivedRows.derive(e, () -> e.bodySha256() == null
                    ? new java.io.ByteArrayInputStream(new byte[0]) : Files.newInputStream(store.blobPath(e.bodySha256())));
            batch.addAll(rows);
            count += rows.size();
            if (batch.size() >= ROW_BATCH) {
                store.write(batch);
                batch.clear();
            }
        }
        store.write(batch);
        return count;
    }

    private static long writeDerived(ContentStore store, Path bundle) throws IOException {
        Path file = bundle.resolve(BundleFiles.DERIVED);
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        Base64.Decoder b64 = Base64.getDecoder();
        List<IndexRow> batch = new ArrayList<>();
        long[] count = {0};
        JsonLines.read(file, n -> {
            batch.add(row(n, b64));
            count[0]++;
            if (batch.size() >= ROW_BATCH) {
                store.write(batch);
                batch.clear();
            }
        });
        if (!batch.isEmpty()) {
            store.write(batch);
        }
        return count[0];
    }

    private static IndexRow row(JsonNode n, Base64.Decoder b64) {
        return new IndexRow(n.path("family").asText(), b64.decode(n.path("key").asText()), b64.decode(n.path("value").asText()));
    }
}
