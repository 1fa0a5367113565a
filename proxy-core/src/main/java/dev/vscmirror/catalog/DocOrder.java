package dev.vscmirror.catalog;

import java.util.Locale;

/**
 * Result order of one filter (protocol §2.2 SortBy, §2.5): relevance with search text, else the requested key.
 * {@code sortOrder} 0 means the natural direction (descending for counts, ratings and dates, ascending for names).
 * Ties: install count (descending), then id (documents are numbered in id order).
 */
final class DocOrder {
    /** Compares two documents; negative when {@code a} comes first. */
    interface IntComparator {
        int compare(int a, int b);
    }

    private DocOrder() {
    }

    static IntComparator of(CatalogIndex index, Integer sortBy, int sortOrder, float[] scores) {
        ExtensionEntry[] docs = index.docs;
        int by = sortBy == null ? 0 : sortBy;
        IntComparator primary;
        boolean ascendingByDefault = false;
        switch (by) {
            case 1 -> primary = (a, b) -> Long.compare(docs[a].lastUpdated(), docs[b].lastUpdated());
            case 2 -> {
                String[] titles = index.sortKeys("title", DocOrder::title);
                primary = (a, b) -> titles[a].compareTo(titles[b]);
                ascendingByDefault = true;
            }
            case 3, 11 -> {
                String[] publishers = index.sortKeys("publisher", DocOrder::publisher);
                primary = (a, b) -> publishers[a].compareTo(publishers[b]);
                ascendingByDefault = true;
            }
            case 4 -> primary = (a, b) -> Double.compare(index.installs[a], index.installs[b]);
            case 5 -> primary = (a, b) -> Long.compare(docs[a].publishedDate(), docs[b].publishedDate());
            case 6 -> primary = (a, b) -> Double.compare(docs[a].stats().averageRating(), docs[b].stats().averageRating());
            case 7 -> primary = (a, b) -> Double.compare(docs[a].stats().trendingDaily(), docs[b].stats().trendingDaily());
            case 8 -> primary = (a, b) -> Double.compare(docs[a].stats().trendingWeekly(), docs[b].stats().trendingWeekly());
            case 9 -> primary = (a, b) -> Double.compare(docs[a].stats().trendingMonthly(),
                    docs[b].stats().trendingMonthly());
            // VS Code's PublishedDate is 10 (the Marketplace's release date); fall back to publishedDate
            case 10 -> primary = (a, b) -> Long.compare(released(docs[a]), released(docs[b]));
            case 12 -> primary = (a, b) -> Double.compare(docs[a].stats().weightedRating(),
                    docs[b].stats().weightedRating());
            default -> primary = scores != null ? (a, b) -> Float.compare(scores[a], scores[b])
                    : (a, b) -> Double.compare(index.installs[a], index.installs[b]);
        }
        boolean ascending = sortOrder == 1 || (sortOrder != 2 && ascendingByDefault);
        IntComparator directed = ascending ? primary : (a, b) -> primary.compare(b, a);
        double[] installs = index.installs;
        return (a, b) -> {
            int c = directed.compare(a, b);
            if (c != 0) {
                return c;
            }
            c = Double.compare(installs[b], installs[a]);
            return c != 0 ? c : Integer.compare(a, b); // documents are numbered in id order
        };
    }

    private static String title(ExtensionEntry e) {
        String t = e.displayName().isEmpty() ? e.extensionName() : e.displayName();
        return t.toLowerCase(Locale.ROOT);
    }

    private static String publisher(ExtensionEntry e) {
        String p = e.publisherDisplayName().isEmpty() ? e.publisherName() : e.publisherDisplayName();
        return p.toLowerCase(Locale.ROOT);
    }

    private static long released(ExtensionEntry e) {
        return e.releaseDate() != 0 ? e.releaseDate() : e.publishedDate();
    }

    /**
     * Selects the first {@code k} documents of {@code candidates[0..count)} in order, using a bounded heap
     * (O(count log k)); {@code candidates} is reordered.
     */
    static int[] top(int[] candidates, int count, int k, IntComparator order) {
        k = Math.min(k, count);
        if (k <= 0) {
            return new int[0];
        }
        // max-heap on "comes later": the root is the worst of the kept k
        int[] heap = new int[k];
        int size = 0;
        for (int i = 0; i < count; i++) {
            int d = candidates[i];
            if (size < k) {
                heap[size] = d;
                siftUp(heap, size++, order);
            } else if (order.compare(d, heap[0]) < 0) {
                heap[0] = d;
                siftDown(heap, size, order);
            }
        }
        int[] out = new int[size];
        for (int i = size - 1; i >= 0; i--) {
            out[i] = heap[0];
            heap[0] = heap[--size];
            siftDown(heap, size, order);
        }
        return out;
    }

    private static void siftUp(int[] heap, int i, IntComparator order) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (order.compare(heap[i], heap[parent]) <= 0) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[parent];
            heap[parent] = t;
            i = parent;
        }
    }

    private static void siftDown(int[] heap, int size, IntComparator order) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int worst = l + 1 < size && order.compare(heap[l + 1], heap[l]) > 0 ? l + 1 : l;
            if (order.compare(heap[worst], heap[i]) <= 0) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[worst];
            heap[worst] = t;
            i = worst;
        }
    }
}
