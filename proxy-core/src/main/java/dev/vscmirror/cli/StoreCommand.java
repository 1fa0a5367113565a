package dev.vscmirror.cli;

import dev.vscmirror.catalog.DerivedRows;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.Families;
import dev.vscmirror.store.IndexRow;
import dev.vscmirror.store.RecordedExchange;
import dev.vscmirror.store.StoreLockedException;
import dev.vscmirror.store.StoreException;
import dev.vscmirror.store.StoreStats;
import dev.vscmirror.store.StoreVerifier;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vscmirror store stats|verify|reindex}. stats and verify open the store read-only, so they work on a
 * stopped mirror's store and also next to a running mirror (they then see the store as of their start);
 * reindex writes, so the mirror must be stopped.
 */
@Command(name = "store", mixinStandardHelpOptions = true, description = "Inspect and check the store.",
        subcommands = {StoreCommand.Stats.class, StoreCommand.Verify.class, StoreCommand.Reindex.class,
                CommandLine.HelpCommand.class})
public final class StoreCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: stats, verify or reindex");
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

    @Command(name = "reindex", mixinStandardHelpOptions = true,
            description = "Rebuild the derived families (catalog, assets, updates) from the recorded exchanges, in "
                    + "recording order. The mirror must be stopped.")
    static final class Reindex implements Callable<Integer> {
        private static final int BATCH_ROWS = 5_000;
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
            try (ContentStore store = ContentStore.open(dir)) {
                for (String family : Families.DERIVED) {
                    store.clearFamily(family);
                }
                List<IndexRow> batch = new ArrayList<>();
                long[] counts = {0, 0};
                store.forEachJournal(0, (seq, key) -> store.exchange(key).ifPresent(e -> {
                    List<IndexRow> rows = DerivedRows.derive(e, () -> body(store, e));
                    batch.addAll(rows);
                    counts[0]++;
                    counts[1] += rows.size();
                    if (batch.size() >= BATCH_ROWS) {
                        store.write(batch);
                        batch.clear();
                    }
                }));
                store.write(batch);
                out.printf("reindexed %d exchanges into %d derived rows in %.1f s%n", counts[0], counts[1],
                        (System.nanoTime() - start) / 1e9);
                out.flush();
                return 0;
            } catch (StoreLockedException e) {
                err.println("vscmirror store reindex: " + e.getMessage() + " (stop the mirror, reindex, start it again)");
                return 1;
            } catch (StoreException e) {
                err.println("vscmirror store reindex: " + e.getMessage());
                return 1;
            }
        }

        private static java.io.InputStream body(ContentStore store, RecordedExchange e) throws java.io.IOException {
            return e.bodySha256() == null ? new ByteArrayInputStream(new byte[0]) : Files.newInputStream(store.blobPath(e.bodySha256()));
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
