package dev.vscmirror.accesslog;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;

/**
 * Lines appended to a file that logrotate may move or delete. Java cannot catch SIGHUP, so instead at most once per
 * {@code checkInterval} the sink compares the path's file identity (device + inode) with the file it holds open and
 * reopens when the path is gone or is another file. {@code copytruncate} needs nothing: the file is opened in append
 * mode, so writes continue at the new end.
 */
final class ReopeningFileSink implements LineSink {
    private final Path path;
    private final long checkIntervalNanos;
    private BufferedWriter out;
    private Object fileKey;
    private long lastCheck;

    ReopeningFileSink(Path path, Duration checkInterval) {
        this.path = path.toAbsolutePath();
        this.checkIntervalNanos = checkInterval.toNanos();
        try {
            open();
        } catch (IOException e) {
            throw new IllegalArgumentException("access log " + this.path + ": cannot open for appending: " + e, e);
        }
    }

    private void open() throws IOException {
        Path parent = path.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(path, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE), StandardCharsets.UTF_8), 64 * 1024);
        fileKey = identity();
        lastCheck = System.nanoTime();
    }

    private Object identity() throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        // fileKey is (dev, ino) on Linux; fall back to the creation time where the file system has none
        return attributes.fileKey() != null ? attributes.fileKey() : attributes.creationTime();
    }

    @Override
    public void write(String line) throws IOException {
        reopenIfRotated();
        out.write(line);
        out.write('\n');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    private void reopenIfRotated() throws IOException {
        long now = System.nanoTime();
        if (now - lastCheck < checkIntervalNanos) {
            return;
        }
        lastCheck = now;
        Object current;
        try {
            current = identity();
        } catch (NoSuchFileException e) {
            current = null;
        }
        if (!Objects.equals(current, fileKey)) {
            out.close(); // flushes the tail into the rotated file
            open();
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
