package dev.vscmirror.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The content-addressed blob directory {@code <data>/blobs/}: {@code ab/abcdef…} (the first two hex
 * digits of the SHA-256 fan out the files), in-flight writes in {@code tmp/}.
 */
final class Blobs {
    static final String TEMP_DIR = "tmp";
    private final Path root;

    Blobs(Path root) {
        this.root = root;
    }

    static void checkDigest(String sha256) {
        if (sha256 == null || sha256.length() != 64) {
            throw new IllegalArgumentException("sha256: " + sha256 + " (expected: 64 lower-case hex digits)");
        }
        for (int i = 0; i < 64; i++) {
            char c = sha256.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new IllegalArgumentException("sha256: " + sha256 + " (expected: 64 lower-case hex digits)");
            }
        }
    }

    Path root() {
        return root;
    }

    Path tempDir() {
        return root.resolve(TEMP_DIR);
    }

    Path path(String sha256) {
        checkDigest(sha256);
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /** Size of the committed blob, or -1 when absent. */
    long size(String sha256) {
        try {
            return Files.size(path(sha256));
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw new StoreException("cannot read blob " + path(sha256) + ": " + e.getMessage(), e);
        }
    }

    /** Deletes temp files left behind by a crash; returns how many. Only the read-write owner calls this. */
    int removeLeftoverTemps() throws IOException {
        Files.createDirectories(tempDir());
        int removed = 0;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(tempDir())) {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
                removed++;
            }
        }
        return removed;
    }

    /** fsyncs a directory so that a rename inside it survives a power loss. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
