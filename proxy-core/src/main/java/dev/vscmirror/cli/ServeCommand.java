package dev.vscmirror.cli;

import dev.vscmirror.accesslog.ApplicationLogLevel;
import dev.vscmirror.config.MirrorConfig;
import dev.vscmirror.server.MirrorServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code vscmirror serve}: runs the mirror until SIGTERM/SIGINT, then shuts down gracefully (stop accepting, finish
 * answers in flight, finish pending recordings, close the store). Starts with no configuration file: every setting
 * has a default.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the mirror: the TLS listener (DNS takeover), the forward proxy, the admin listener.",
            "Mode record forwards upstream and stores every answer; replay answers from the store only and never "
                + "dials out; fallback tries upstream and answers from the store when it fails."},
        footer = {"", "Exit codes: 0 stopped by a signal, 1 failed to start (store locked, port in use, ...), "
                + "2 bad configuration."})
public final class ServeCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ConfigOptions options;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        MirrorConfig config = options.load().config();
        ApplicationLogLevel.apply(config.log().level());
        MirrorServer server;
        try {
            server = MirrorServer.start(config);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("vscmirror serve: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "vscmirror-shutdown"));
        stopped.await();
        return 0;
    }
}
