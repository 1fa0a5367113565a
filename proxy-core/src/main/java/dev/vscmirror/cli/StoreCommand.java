package dev.vscmirror.cli;

import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.StoreException;
import dev.vscmirror.store.StoreStats;
import dev.vscmirror.store.StoreVerifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vscmirror store stats|verify}: look at a store. Both open it read-only, so they work on a stopped
 * mirror's store and also next to a running mirror (they then see the store as of their start).
 */
@Command(name = "store", mixinStandardHelpOptions = true, description = "Inspect and check the store.",
        subcommands = {StoreCommand.Stats.class, StoreCommand.Verify.class, CommandLine.HelpCommand.class})
public final class StoreCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: stats or verify");
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Print exchanges, blobs, bytes and exchanges per host.")
    static final class Stats implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOptions config;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path dir = config.load().config().dataDir();
            try (ContentStore store = ContentStore.openReadOnly(dir)) {
                StoreStats s = store.stats();
                out.printf("store          %s (id %s)%n", dir, store.storeId());
                out.printf("exchanges      %d%n", s.exchanges());
                out.printf("blobs          %d%n", s.blobs());
                out.printf("blob bytes     %d (%s)%n", s.blobBytes(), human(s.blobBytes()));
                out.printf("last sequence  %d%n", store.lastSequence());
                out.println("by host:");
                for (Map.Entry<String, Long> e : s.byHost().entrySet()) {
                    out.printf("  %-45s %d%n", e.getKey(), e.getValue());
                }
                out.flush();
                return 0;
            } catch (StoreException e) {
                spec.commandLine().getErr().println("vscmirror store stats: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check that every exchange's blob exists with the right size and SHA-256; exit 1 listing problems.")
    static final class Verify implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOptions config;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Path dir = config.load().config().dataDir();
            long start = System.nanoTime();
            long[] lastReport = {start};
            try (ContentStore store = ContentStore.openReadOnly(dir)) {
                StoreVerifier.Report r = StoreVerifier.verify(store, hashed -> {
                    long now = System.nanoTime();
                    if (now - lastReport[0] > 1_000_000_000L) {
                        lastReport[0] = now;
                        err.printf("verify: %s hashed%n", human(hashed));
                        err.flush();
                    }
                });
                r.problems().forEach(p -> out.println("PROBLEM " + p));
                double seconds = (System.nanoTime() - start) / 1e9;
                out.printf("%s: %d exchanges, %d blobs, %s hashed in %.1f s, %d problems%n",
                        r.ok() ? "OK" : "FAILED", r.exchanges(), r.blobs(), human(r.blobBytes()), seconds,
                        r.problems().size());
                out.flush();
                return r.ok() ? 0 : 1;
            } catch (StoreException e) {
                err.println("vscmirror store verify: " + e.getMessage());
                return 1;
            }
        }
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }
}
