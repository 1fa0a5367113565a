package dev.vscmirror.server;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Named, bounded thread pools for blocking work; a full queue rejects (the caller answers 503). */
final class BoundedExecutor {
    private BoundedExecutor() {
    }

    static ExecutorService create(String name, int threads, int queue) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), new DefaultThreadFactory(name, true));
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
