package dev.vscmirror.export.bundle;

import dev.vscmirror.export.sign.Ed25519Keys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Checks a bundle without any store: the manifest, its signature (when a trusted public key is given),
 * every file's size and SHA-256, and every blob's SHA-256 after reassembly from the parts.
 */
public final class BundleVerifier {
    /**
     * What a check found.
     *
     * @param manifest  the parsed manifest, or null when it is missing or unreadable
     * @param problems  one line per problem, naming the file; empty when everything holds
     * @param signature {@code verified}, {@code not signed} or {@code not checked (no --trust)}
     */
    public record Result(Manifest manifest, List<String> problems, String signature) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private BundleVerifier() {
    }

    /** Everything but the parts: manifest, signature, and the size and SHA-256 of the JSON Lines files. */
    public static Result checkMetadata(Path dir, Path trustedKey) throws IOException {
        List<String> problems = new ArrayList<>();
        Path manifestFile = dir.resolve(BundleFiles.MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            problems.add(BundleFiles.MANIFEST + " is missing in " + dir + " (not a bundle, or an unfinished export)");
            return new Result(null, problems, "not checked");
        }
        byte[] manifestBytes = Files.readAllBytes(manifestFile);
        String signature = signature(dir, manifestBytes, trustedKey, problems);
        Manifest manifest;
        try {
            manifest = Manifest.parse(manifestBytes);
        } catch (BundleException e) {
            problems.add(e.getMessage());
            return new Result(null, problems, signature);
        }
        for (FileEntry f : manifest.files()) {
            if (!f.name().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                problems.add("manifest.json lists a file with an unsafe name: " + f.name());
                continue;
            }
            if (BundleFiles.isPart(f.name())) {
                continue; // parts are read by PartScanner
            }
            Path file = dir.resolve(f.name());
            if (!Files.isRegularFile(file)) {
                problems.add(f.name() + " is missing");
            } else if (Files.size(file) != f.size()) {
                problems.add(f.name() + " has " + Files.size(file) + " bytes, the manifest says " + f.size());
            } else if (!Digests.ofFile(file).equals(f.sha256())) {
                problems.add(f.name() + " is corrupted: its SHA-256 differs from the manifest");
            }
        }
        return new Result(manifest, problems, signature);
    }

    private static String signature(Path dir, byte[] manifestBytes, Path trustedKey, List<String> problems)
            throws IOException {
        Path sigFile = dir.resolve(BundleFiles.SIGNATURE);
        boolean signed = Files.isRegularFile(sigFile);
        if (trustedKey == null) {
            return signed ? "not checked (no --trust)" : "not signed";
        }
        if (!signed) {
            problems.add(BundleFiles.SIGNATURE + " is missing: the bundle is not signed, but --trust " + trustedKey + " was given");
            return "not signed";
        }
        String text = Files.readString(sigFile, StandardCharsets.US_ASCII);
        if (!Ed25519Keys.verify(manifestBytes, text, Ed25519Keys.readPublic(trustedKey))) {
            problems.add(BundleFiles.SIGNATURE + " does not verify with " + trustedKey
                    + ": manifest.json was changed after signing, or it was signed with another key");
            return "INVALID";
        }
        return "verified";
    }

    /** Reads {@code blobs.jsonl}. */
    public static List<BlobEntry> readBlobIndex(Path dir) throws IOException {
        List<BlobEntry> blobs = new ArrayList<>();
        JsonLines.read(dir.resolve(BundleFiles.BLOBS), n -> {
            List<BlobEntry.Piece> pieces = new ArrayList<>();
            n.path("pieces").forEach(p -> pieces.add(new BlobEntry.Piece(p.path("part").asText(),
                    p.path("offset").asLong(), p.path("length").asLong())));
            blobs.add(new BlobEntry(n.path("sha256").asText(), n.path("size").asLong(), pieces));
        });
        return blobs;
    }

    /** The full check: {@link #checkMetadata} and then every part and every reassembled blob. */
    public static Result verify(Path dir, Path trustedKey, LongConsumer progress) throws IOException {
        Result meta = checkMetadata(dir, trustedKey);
        if (meta.manifest() == null || !meta.problems().isEmpty() && !Files.isRegularFile(dir.resolve(BundleFiles.BLOBS))) {
            return meta;
        }
        List<String> problems = new ArrayList<>(meta.problems());
        List<BlobEntry> blobs;
        try {
            blobs = readBlobIndex(dir);
        } catch (BundleException e) {
            problems.add(e.getMessage());
            return new Result(meta.manifest(), problems, meta.signature());
        }
        if (blobs.size() != meta.manifest().counts().blobsCarried()) {
            problems.add("blobs.jsonl lists " + blobs.size() + " blobs, the manifest says "
                    + meta.manifest().counts().blobsCarried());
        }
        problems.addAll(PartScanner.scan(dir, meta.manifest(), blobs, BundleVerifier::digestTarget, progress, true));
        return new Result(meta.manifest(), problems, meta.signature());
    }

    /** A sink target that only checks the blob's SHA-256. */
    public static PartScanner.BlobTarget digestTarget(BlobEntry blob) {
        MessageDigest d = Digests.sha256();
        return new PartScanner.BlobTarget() {
            @Override
            public void write(byte[] b, int off, int len) {
                d.update(b, off, len);
            }

            @Override
            public String finish() {
                String actual = Digests.hex(d);
                return actual.equals(blob.sha256()) ? null : "blob " + blob.sha256() + " has SHA-256 " + actual;
            }

            @Override
            public void abandon() {
                // nothing held
            }
        };
    }
}
