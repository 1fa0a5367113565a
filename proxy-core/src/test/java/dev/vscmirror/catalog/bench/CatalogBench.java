package dev.vscmirror.catalog.bench;

import dev.vscmirror.catalog.ExtensionCatalog;
import dev.vscmirror.catalog.ExtensionQueryEngine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The catalog-query benchmark (issue 4 closing note, issue 8 measure 2), in-process, JMH-free: builds synthetic
 * catalogs of the given sizes, then times {@code extensionquery} answers (request parse, query, JSON written) for
 * searches, 50-id lookups and sorted listings, single-threaded; prints a Markdown table. Wall-clock percentiles
 * include time the thread waited for a core; the CPU-time percentiles (the thread's own CPU time) do not, which is
 * what to read on an oversubscribed machine.
 * <p>Usage: {@code CatalogBench [--quick] [sizes...]} (default 1000 10000 60000; quick: 1000 5000).
 */
public final class CatalogBench {
    private static final String TAIL = "{\"filterType\":8,\"value\":\"Microsoft.VisualStudio.Code\"},"
            + "{\"filterType\":12,\"value\":\"4096\"}";
    private static final int[] SORTS = {4, 2, 10, 12, 1};

    private CatalogBench() {
    }

    public static void main(String[] args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        List<Integer> sizes = new ArrayList<>();
        for (String a : args) {
            if (!a.startsWith("--")) {
                sizes.add(Integer.parseInt(a));
            }
        }
        if (sizes.isEmpty()) {
            sizes = quick ? List.of(1000, 5000) : List.of(1000, 10_000, 60_000);
        }
        int warmup = quick ? 300 : 2000;
        int measured = quick ? 500 : 3000;
        System.out.println("| extensions | query | p50 ms | p99 ms | max ms | CPU p50 / p99 ms | throughput q/s (1 thread) "
                + "| answer KB | load s / heap MB | goal | verdict |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (int n : sizes) {
            run(n, warmup, measured);
            System.gc();
        }
    }

    private static void run(int n, int warmup, int measured) {
        long t0 = System.nanoTime();
        SyntheticCatalog data = new SyntheticCatalog(42 + n);
        ExtensionCatalog catalog = new ExtensionCatalog();
        data.populate(catalog, n);
        catalog.index();
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        ExtensionQueryEngine engine = new ExtensionQueryEngine(catalog);
        SplittableRandom random = new SplittableRandom(7);
        String info = String.format(Locale.ROOT, "%.1f s / %d MB", loadSeconds, heapMb);
        measure(n, "search (text, relevance, page 50)", engine, searches(data, random, 400), warmup, measured, info);
        measure(n, "lookup by 50 ids (update check)", engine, lookups(data, random, 400), warmup, measured, "");
        measure(n, "sorted listing (installs/name/date/rating, page 1-3)", engine, listings(random, 400), warmup,
                measured, "");
    }

    private static void measure(int n, String name, ExtensionQueryEngine engine, List<byte[]> bodies, int warmup,
            int measured, String info) {
        long bytes = 0;
        for (int i = 0; i < warmup; i++) {
            bytes += engine.answer(bodies.get(i % bodies.size())).body().length;
        }
        long[] nanos = new long[measured];
        long[] cpu = new long[measured];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        bytes = 0;
        long start = System.nanoTime();
        for (int i = 0; i < measured; i++) {
            long c = threads.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            bytes += engine.answer(bodies.get(i % bodies.size())).body().length;
            nanos[i] = System.nanoTime() - s;
            cpu[i] = threads.getCurrentThreadCpuTime() - c;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        int p99Index = (int) Math.ceil(measured * 0.99) - 1;
        double p50 = nanos[measured / 2] / 1e6;
        double p99 = nanos[p99Index] / 1e6;
        double max = nanos[measured - 1] / 1e6;
        boolean goalRow = n >= 60_000;
        System.out.printf(Locale.ROOT, "| %,d | %s | %.2f | %.2f | %.1f | %.2f / %.2f | %,.0f | %.1f | %s | %s | %s |%n",
                n, name, p50, p99, max, cpu[measured / 2] / 1e6, cpu[p99Index] / 1e6, measured / seconds, bytes / 1024.0 / measured, info,
                goalRow ? "p99 < 5 ms at 60k" : "—",
                goalRow ? (p99 < 5 ? "meets" : "misses") : "reported");
    }

    private static List<byte[]> searches(SyntheticCatalog data, SplittableRandom random, int count) {
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(100);
            String text;
            if (kind < 55) {
                text = data.word();
            } else if (kind < 80) {
                text = data.word() + " " + data.word();
            } else if (kind < 95) {
                text = data.displayNames().get(random.nextInt(data.displayNames().size()));
            } else {
                text = data.ids().get(random.nextInt(data.ids().size()));
            }
            out.add(body("{\"filterType\":10,\"value\":\"" + text + "\"}," + TAIL, 1, 50, 0));
        }
        return out;
    }

    private static List<byte[]> lookups(SyntheticCatalog data, SplittableRandom random, int count) {
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder criteria = new StringBuilder();
            for (int k = 0; k < 50; k++) {
                criteria.append("{\"filterType\":4,\"value\":\"")
                        .append(data.uuids().get(random.nextInt(data.uuids().size()))).append("\"},");
            }
            out.add(body(criteria + TAIL, 1, 50, null));
        }
        return out;
    }

    private static List<byte[]> listings(SplittableRandom random, int count) {
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String category = random.nextBoolean() ? "" : "{\"filterType\":5,\"value\":\""
                    + SyntheticCatalog.CATEGORIES[random.nextInt(SyntheticCatalog.CATEGORIES.length)] + "\"},";
            out.add(body(category + TAIL, 1 + random.nextInt(3), 50, SORTS[random.nextInt(SORTS.length)]));
        }
        return out;
    }

    private static byte[] body(String criteria, int page, int size, Integer sortBy) {
        return ("{\"filters\":[{\"criteria\":[" + criteria + "],\"pageNumber\":" + page + ",\"pageSize\":" + size
                + (sortBy == null ? "" : ",\"sortBy\":" + sortBy) + ",\"sortOrder\":0}],\"assetTypes\":[],\"flags\":950}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
