package dev.vscmirror.export.bundle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * Reads the part files of a bundle once, in order: checks each part's size and SHA-256 against the
 * manifest and hands every blob's bytes, reassembled across parts, to a {@link BlobSink}. Collects
 * problems (each naming the part or blob) instead of stopping at the first. Blocking I/O.
 */
public final class PartScanner {
    private static final int BUFFER = 1 << 20;

    /** Receives blobs; {@link #begin} may return null to skip a blob's bytes (they are still hashed per part). */
    public interface BlobSink {
        BlobTarget begin(BlobEntry blob) throws IOException;
    }

    /** The bytes of one blob, in order. */
    public interface BlobTarget {
        void write(byte[] b, int off, int len) throws IOException;

        /** Called after the last byte; returns a problem (naming the blob) or null when all is well. */
        String finish() throws IOException;

        /** Called instead of finish when the blob's bytes cannot be delivered whole. */
        void abandon();
    }

    private record Slot(BlobEntry blob, BlobEntry.Piece piece, boolean first, boolean last) {
    }

    private PartScanner() {
    }

    /**
     * Scans every part. With {@code hashParts} false the parts' SHA-256 is not computed: then the sink must
     * check every blob's digest, which covers every byte too, because the pieces must tile each part exactly
     * and each part's size is checked (so one hash per byte instead of two).
     */
    public static List<String> scan(Path dir, Manifest manifest, List<BlobEntry> blobs, BlobSink sink,
            LongConsumer progress, boolean hashParts) throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> badParts = new HashSet<>();
        for (FileEntry part : manifest.parts()) {
            Path file = dir.resolve(part.name());
            if (!Files.isRegularFile(file)) {
                problems.add("part " + part.name() + " is missing");
                badParts.add(part.name());
            } else if (Files.size(file) != part.size()) {
                problems.add("part " + part.name() + " has " + Files.size(file) + " bytes, the manifest says "
                        + part.size() + (Files.size(file) < part.size() ? " (truncated)" : ""));
                badParts.add(part.name());
            }
        }
        Map<String, List<Slot>> byPart = layout(manifest, blobs, problems);
        if (byPart == null) {
            return problems;
        }
        byte[] buffer = new byte[BUFFER];
        long[] done = {0};
        BlobTarget target = null;
        boolean broken = false;
        for (FileEntry part : manifest.parts()) {
            List<Slot> slots = byPart.getOrDefault(part.name(), List.of());
            if (badParts.contains(part.name())) {
                if (target != null) {
                    target.abandon();
                    target = null;
                }
                for (Slot s : slots) {
                    if (s.last()) {
                        problems.add("blob " + s.blob().sha256() + " cannot be read: part " + part.name() + " is damaged");
                    }
                }
                // a blob that goes on into the next part cannot be whole either
                broken = !slots.isEmpty() && !slots.get(slots.size() - 1).last();
                continue;
            }
            MessageDigest digest = hashParts ? Digests.sha256() : null;
            try (FileChannel in = FileChannel.open(dir.resolve(part.name()), StandardOpenOption.READ)) {
                for (Slot s : slots) {
                    if (s.first()) {
                        broken = false;
                        target = sink.begin(s.blob());
                    }
                    try {
                        copy(in, s.piece().length(), buffer, digest, broken ? null : target, done, progress);
                    } catch (IOException | RuntimeException e) {
                        if (target != null) {
                            target.abandon(); // e.g. disk full: drop the temp file, then report
                        }
                        throw e;
                    }
                    if (s.last()) {
                        if (broken) {
                            problems.add("blob " + s.blob().sha256() + " cannot be read: an earlier part is damaged");
                        } else if (target != null) {
                            String problem = target.finish();
                            if (problem != null) {
                                problems.add(partsOf(s.blob()) + ": corrupted " + problem);
                            }
                        }
                        target = null;
                        broken = false;
                    }
                }
            }
            String actual = hashParts ? Digests.hex(digest) : part.sha256();
            if (!actual.equals(part.sha256())) {
                problems.add("part " + part.name() + " is corrupted: SHA-256 " + actual + ", the manifest says " + part.sha256());
            }
        }
        if (target != null) {
            target.abandon();
        }
        return problems;
    }

    private static void copy(FileChannel in, long length, byte[] buffer, MessageDigest digest, BlobTarget target,
            long[] done, LongConsumer progress) throws IOException {
        long left = length;
        while (left > 0) {
            int want = (int) Math.min(buffer.length, left);
            ByteBuffer bb = ByteBuffer.wrap(buffer, 0, want);
            while (bb.hasRemaining()) {
                if (in.read(bb) < 0) {
                    throw new BundleException("part ended early");
                }
            }
            if (digest != null) {
                digest.update(buffer, 0, want);
            }
            if (target != null) {
                target.write(buffer, 0, want);
            }
            left -= want;
            done[0] += want;
            progress.accept(done[0]);
        }
    }

    private static String partsOf(BlobEntry blob) {
        List<String> names = blob.pieces().stream().map(BlobEntry.Piece::part).distinct().toList();
        return String.join(", ", names);
    }

    /** Groups pieces by part and checks that they tile every part exactly, in order; null when they do not. */
    private static Map<String, List<Slot>> layout(Manifest manifest, List<BlobEntry> blobs, List<String> problems) {
        Map<String, Long> partSizes = manifest.parts().stream()
                .collect(Collectors.toMap(FileEntry::name, FileEntry::size));
        List<String> order = manifest.parts().stream().map(FileEntry::name).toList();
        Map<String, List<Slot>> byPart = new java.util.LinkedHashMap<>();
        int partIndex = 0;
        long position = 0;
        for (BlobEntry blob : blobs) {
            long total = 0;
            for (int i = 0; i < blob.pieces().size(); i++) {
                BlobEntry.Piece p = blob.pieces().get(i);
                if (partIndex < order.size() && position == partSizes.get(order.get(partIndex))
                        && !p.part().equals(order.get(partIndex))) {
                    partIndex++;
                    position = 0;
                }
                if (partIndex >= order.size() || !p.part().equals(order.get(partIndex)) || p.offset() != position
                        || p.length() <= 0) {
                    problems.add("blobs.jsonl: blob " + blob.sha256() + " piece " + p.part() + "@" + p.offset()
                            + " does not follow the previous piece; the bundle layout is damaged");
                    return null;
                }
                byPart.computeIfAbsent(p.part(), k -> new ArrayList<>())
                        .add(new Slot(blob, p, i == 0, i == blob.pieces().size() - 1));
                position += p.length();
                total += p.length();
            }
            if (total != blob.size()) {
                problems.add("blobs.jsonl: blob " + blob.sha256() + " pieces add up to " + total + " bytes, not " + blob.size());
                return null;
            }
        }
        for (int i = 0; i < order.size(); i++) {
            long used = byPart.getOrDefault(order.get(i), List.of()).stream().mapToLong(s -> s.piece().length()).sum();
            if (used != partSizes.get(order.get(i))) {
                problems.add("blobs.jsonl: pieces fill " + used + " bytes of part " + order.get(i) + ", the manifest says "
                        + partSizes.get(order.get(i)));
                return null;
            }
        }
        return byPart;
    }
}
