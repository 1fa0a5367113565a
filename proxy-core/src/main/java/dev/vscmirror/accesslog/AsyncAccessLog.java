package dev.vscmirror.accesslog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AccessLog} whose lines are formatted and written by one daemon thread ("vscmirror-access-log"); callers
 * only enqueue. A full queue drops the entry (counted and reported in the application log) rather than stall a
 * request.
 */
final class AsyncAccessLog implements AccessLog {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncAccessLog.class);
    private static final int QUEUE_CAPACITY = 16_384;

    private final BlockingQueue<AccessLogEntry> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final LineSink sink;
    private final String name;
    private final Thread writer;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    AsyncAccessLog(LineSink sink, String name) {
        this.sink = sink;
        this.name = name;
        this.writer = new Thread(this::run, "vscmirror-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void log(AccessLogEntry entry) {
        if (closed) {
            return;
        }
        if (!queue.offer(entry)) {
            dropped.incrementAndGet();
        }
    }

    /** Entries dropped because the writer could not keep up. */
    long dropped() {
        return dropped.get();
    }

    private void run() {
        List<AccessLogEntry> batch = new ArrayList<>(256);
        long reportedDrops = 0;
        while (!closed || !queue.isEmpty()) {
            try {
                AccessLogEntry first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 1023);
                for (AccessLogEntry e : batch) {
                    sink.write(AccessLogFormat.format(e));
                }
                sink.flush();
            } catch (InterruptedException e) {
                closed = true;
            } catch (IOException | RuntimeException e) {
                LOG.error("access log {}: cannot write {} lines", name, batch.size(), e);
            }
            batch.clear();
            long drops = dropped.get();
            if (drops > reportedDrops) {
                LOG.warn("access log {}: {} lines dropped so far because writing fell behind", name, drops);
                reportedDrops = drops;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            sink.close();
        } catch (IOException e) {
            LOG.error("access log {}: cannot close", name, e);
        }
    }
}
