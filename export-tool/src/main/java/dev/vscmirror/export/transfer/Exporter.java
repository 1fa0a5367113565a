package dev.vscmirror.export.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vscmirror.export.bundle.BlobEntry;
import dev.vscmirror.export.bundle.BundleException;
import dev.vscmirror.export.bundle.BundleFiles;
import dev.vscmirror.export.bundle.BundleVerifier;
import dev.vscmirror.export.bundle.FileEntry;
import dev.vscmirror.export.bundle.JsonLines;
import dev.vscmirror.export.bundle.Manifest;
import dev.vscmirror.export.bundle.PartWriter;
import dev.vscmirror.export.inspect.IncludeFilter;
import dev.vscmirror.export.sign.Ed25519Keys;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.ExchangeCodec;
import dev.vscmirror.store.Families;
import dev.vscmirror.store.RecordedExchange;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a bundle from a store opened read-only (so a running mirror keeps serving and recording), reads
 * it back (parts while they are written, on a second thread), and only then moves the watermark
 * ({@link ExportState}).
 */
public final class Exporter {
    /** The derived families a bundle carries: the catalog's and the update service's rows and aux pointers (not misses). */
    public static final List<String> BUNDLED_FAMILIES = List.of(Families.CATALOG, Families.ASSETS, Families.UPDATES,
            Families.AUX);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream err;

    public Exporter(PrintStream err) {
        this.err = err;
    }

    /** What an export wrote. */
    public record Result(Manifest manifest, long files, long bytes, double seconds, boolean watermarkMoved) {
    }

    public Result export(ExportOptions o, String toolVersion) throws IOException {
        long start = System.nanoTime();
        prepareOut(o.out());
        try (ContentStore store = ContentStore.openReadOnly(o.dataDir())) {
            long since = since(o, store);
            long to = store.lastSequence();
            IncludeFilter filter = new IncludeFilter(o.includes());
            List<ObjectNode> exchanges = new ArrayList<>();
            Map<String, Long> needed = new LinkedHashMap<>(); // digest -> size, in journal order
            store.forEachJournal(since, (seq, key) -> store.exchange(key).ifPresent(e -> {
                if (seq <= to && filter.includes(e.url())) {
                    ObjectNode n = ExchangeCodec.toNode(e);
                    n.put("seq", seq);
                    exchanges.add(n);
                    if (e.bodySha256() != null) {
                        needed.putIfAbsent(e.bodySha256(), e.bodySize());
                    }
                }
            }));
            Set<String> earlier = new HashSet<>();
            if (since > 0) {
                store.forEachExchangeWithSequence((e, seq) -> {
                    if (seq <= since && e.bodySha256() != null && needed.containsKey(e.bodySha256())) {
                        earlier.add(e.bodySha256());
                    }
                });
            }
            List<FileEntry> files = new ArrayList<>();
            try (JsonLines.Writer w = new JsonLines.Writer(o.out().resolve(BundleFiles.EXCHANGES))) {
                for (ObjectNode n : exchanges) {
                    w.write(n);
                }
                files.add(w.finish());
            }
            long derivedRows = 0;
            if (filter.all()) {
                try (JsonLines.Writer w = new JsonLines.Writer(o.out().resolve(BundleFiles.DERIVED))) {
                    derivedRows = writeDerived(store, w);
                    files.add(w.finish());
                }
            }
            long carriedBytes = needed.entrySet().stream().filter(e -> !earlier.contains(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
            Progress progress = new Progress("export", carriedBytes, err);
            List<BlobEntry> carried = new ArrayList<>();
            try (PartWriter parts = new PartWriter(o.out(), o.partSize(), progress)) {
                for (Map.Entry<String, Long> blob : needed.entrySet()) {
                    if (!earlier.contains(blob.getKey())) {
                        carried.add(parts.add(store.blobPath(blob.getKey()), blob.getKey(), blob.getValue()));
                    }
                }
                List<FileEntry> partFiles = parts.finish();
                try (JsonLines.Writer w = new JsonLines.Writer(o.out().resolve(BundleFiles.BLOBS))) {
                    for (BlobEntry b : carried) {
                        w.write(JSON.valueToTree(b));
                    }
                    files.add(w.finish());
                }
                files.addAll(partFiles);
            }
            Manifest manifest = new Manifest(store.storeId(), since, to, !filter.all(), o.includes(), Instant.now(),
                    toolVersion, o.partSize(), new Manifest.Counts(exchanges.size(), derivedRows, carried.size(),
                            carriedBytes, earlier.size()), files, earlier.stream().sorted().toList());
            writeManifest(o.out(), manifest, o.signKey());
            readBack(o.out());
            boolean moved = false;
            if (filter.all()) {
                long previous = ExportState.read(o.dataDir()).map(ExportState::lastExportedSequence).orElse(0L);
                new ExportState(store.storeId(), Math.max(previous, to), o.out().toAbsolutePath().toString(),
                        Instant.now()).write(o.dataDir());
                moved = true;
            }
            long bytes = files.stream().mapToLong(FileEntry::size).sum() + manifest.toJson().length;
            return new Result(manifest, files.size() + 1, bytes, (System.nanoTime() - start) / 1e9, moved);
        }
    }

    private static long since(ExportOptions o, ContentStore store) {
        switch (o.since()) {
            case "all":
                return 0;
            case "last":
                return ExportState.read(o.dataDir()).map(s -> {
                    if (!s.storeId().equals(store.storeId())) {
                        throw new BundleException(o.dataDir().resolve(ExportState.FILE) + " belongs to store " + s.storeId()
                                + ", but this store is " + store.storeId() + "; delete the file or export with --since all");
                    }
                    return s.lastExportedSequence();
                }).orElse(0L);
            default:
                try {
                    long seq = Long.parseLong(o.since());
                    if (seq < 0) {
                        throw new NumberFormatException();
                    }
                    return seq;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--since: " + o.since() + " (expected: last, all or a sequence number >= 0)");
                }
        }
    }

    private static void prepareOut(Path out) throws IOException {
        if (Files.exists(out)) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new BundleException("bundle directory " + out + " is not empty; choose a new directory");
                }
            }
        }
        Files.createDirectories(out);
    }

    private static long writeDerived(ContentStore store, JsonLines.Writer w) throws IOException {
        Base64.Encoder b64 = Base64.getEncoder();
        long before = w.lines();
        for (String family : BUNDLED_FAMILIES) {
            IOException[] failure = {null};
            store.scan(family, new byte[0], (k, v) -> {
                if (failure[0] != null) {
                    return;
                }
                try {
                    w.write(JSON.createObjectNode().put("family", family).put("key", b64.encodeToString(k))
                            .put("value", b64.encodeToString(v)));
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
        }
        return w.lines() - before;
    }

    private static void writeManifest(Path out, Manifest manifest, Path signKey) throws IOException {
        byte[] json = manifest.toJson();
        if (signKey != null) {
            Files.writeString(out.resolve(BundleFiles.SIGNATURE), Ed25519Keys.sign(json, Ed25519Keys.readPrivate(signKey)));
        }
        Path temp = out.resolve(BundleFiles.MANIFEST + ".tmp");
        Files.write(temp, json);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        // manifest.json appears last and whole: its presence means the bundle is complete
        Files.move(temp, out.resolve(BundleFiles.MANIFEST), StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(out, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    /**
     * Reads the finished bundle back: the manifest, and the size and SHA-256 of every JSON Lines file. The
     * parts were read back from disk while they were written ({@link PartWriter}); here their sizes are checked.
     */
    private static void readBack(Path out) throws IOException {
        BundleVerifier.Result meta = BundleVerifier.checkMetadata(out, null);
        List<String> problems = new ArrayList<>(meta.problems());
        if (meta.manifest() != null) {
            for (FileEntry part : meta.manifest().parts()) {
                long size = Files.size(out.resolve(part.name()));
                if (size != part.size()) {
                    problems.add("part " + part.name() + " has " + size + " bytes, the manifest says " + part.size());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BundleException("the bundle in " + out + " did not read back correctly; the watermark was not moved: "
                    + String.join("; ", problems));
        }
    }
}
