package dev.vscmirror.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The exclusive lock of a read-write store: {@code <data>/store.lock}, held with an OS file lock (so it is
 * released when the process dies, even by {@code kill -9}) and naming its holder
 * ({@code pid=… host=… started=…}) so that a second opener can say who has it.
 */
final class StoreLock implements AutoCloseable {
    static final String FILE_NAME = "store.lock";
    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static StoreLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                throw new StoreLockedException(dataDir, holder(file));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(describeSelf().getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new StoreLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot lock store " + dataDir + " (" + file + "): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** What the lock file says about its holder, or a placeholder when it cannot be read. */
    static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? "holder unknown" : text;
        } catch (IOException e) {
            return "holder unknown: " + e.getMessage();
        }
    }

    private static String describeSelf() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown";
        }
        Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        return "pid=" + ProcessHandle.current().pid() + " host=" + host + " started=" + started + "\n";
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            throw new StoreException("cannot release store lock: " + e.getMessage(), e);
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // the lock goes with the channel; nothing else to undo
        }
    }
}
