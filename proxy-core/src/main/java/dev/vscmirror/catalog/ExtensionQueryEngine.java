package dev.vscmirror.catalog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Answers {@code extensionquery} bodies from the {@link ExtensionCatalog} (issue 4, replay answer 2; protocol §2):
 * every filter type VS Code sends, the flags' effect on fields, sorting, paging with the right {@code TotalCount},
 * several criteria groups (one result each) and several values per type. Unknown ids give an empty result.
 * Thread-safe; never parses recorded JSON while answering.
 */
public final class ExtensionQueryEngine {
    private final ExtensionCatalog catalog;

    public ExtensionQueryEngine(ExtensionCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The answer to one query.
     *
     * @param body      the JSON answer (protocol §2.4)
     * @param unmatched ids and names the query looked up (ExtensionId / ExtensionName values) that are not in the
     *                  catalog, as sent, for the miss log
     * @param total     the sum of the filters' total counts
     */
    public record Answer(byte[] body, List<String> unmatched, int total) {
    }

    /**
     * Answers a request body.
     *
     * @throws IllegalArgumentException when the body is not an extensionquery (the caller answers 400 or a miss)
     */
    public Answer answer(byte[] requestBody) {
        return answer(GalleryQuery.parse(requestBody));
    }

    /** Answers a parsed query. */
    public Answer answer(GalleryQuery query) {
        CatalogIndex index = catalog.index();
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        Set<String> unmatched = new LinkedHashSet<>();
        int grandTotal = 0;
        out.writeBytes(ascii("{\"results\":["));
        boolean first = true;
        for (GalleryQuery.Filter filter : query.filters()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            grandTotal += writeResult(out, index, filter, query, unmatched);
        }
        out.writeBytes(ascii("]}"));
        return new Answer(out.toByteArray(), List.copyOf(unmatched), grandTotal);
    }

    private int writeResult(ByteArrayOutputStream out, CatalogIndex index, GalleryQuery.Filter filter,
            GalleryQuery query, Set<String> unmatched) {
        FilterPlan plan = FilterPlan.of(filter, query.flags());
        TextSearch.Result search = plan.texts.isEmpty() ? null : TextSearch.search(index, plan.texts);
        if (plan.hasLookups()) {
            for (String lookup : plan.orderedLookups) {
                String key = lookup.toLowerCase(java.util.Locale.ROOT);
                if (!index.byUuid.containsKey(key) && !index.byId.containsKey(key)) {
                    unmatched.add(lookup);
                }
            }
        }
        long skip = (long) (filter.pageNumber() - 1) * filter.pageSize();
        int want = (int) Math.min(skip + filter.pageSize(), Integer.MAX_VALUE);
        int[] candidates = candidates(index, plan, search);
        int count;
        int[] top;
        if (search == null && !plan.hasLookups()) {
            // a listing: walk the presorted order, count every match, keep the page (no per-query sort)
            if (!plan.categories.isEmpty()) {
                plan = plan.without(GalleryQuery.FilterType.CATEGORY);
            } else if (!plan.tags.isEmpty()) {
                plan = plan.without(GalleryQuery.FilterType.TAG);
            } else if (!plan.publishers.isEmpty()) {
                plan = plan.without(GalleryQuery.FilterType.PUBLISHER_NAME);
            }
            int[] order = index.order(filter.sortBy(), filter.sortOrder());
            java.util.BitSet allowed = null;
            if (candidates.length < index.size()) {
                allowed = new java.util.BitSet(index.size());
                for (int d : candidates) {
                    allowed.set(d);
                }
            }
            top = new int[Math.min(want, candidates.length)];
            count = 0;
            for (int d : order) {
                if ((allowed == null || allowed.get(d)) && plan.matches(index, d)) {
                    if (count < top.length) {
                        top[count] = d;
                    }
                    count++;
                }
            }
            top = java.util.Arrays.copyOf(top, Math.min(count, top.length));
        } else {
            count = 0;
            for (int d : candidates) {
                if (plan.matches(index, d) && (search == null || search.matches(d))) {
                    candidates[count++] = d;
                }
            }
            top = skip >= count ? new int[0]
                    : DocOrder.top(candidates, count, (int) Math.min(want, count),
                            DocOrder.of(index, filter.sortBy(), filter.sortOrder(), search == null ? null : search.scores()));
        }
        out.writeBytes(ascii("{\"extensions\":["));
        for (int i = (int) Math.min(skip, top.length); i < top.length; i++) {
            if (i > skip) {
                out.write(',');
            }
            GalleryWriter.writeExtension(out, index.docs[top[i]], query.flags(), query.assetTypes());
        }
        out.writeBytes(ascii("],\"pagingToken\":null,\"resultMetadata\":[{\"metadataType\":\"ResultCount\","
                + "\"metadataItems\":[{\"name\":\"TotalCount\",\"count\":" + count + "}]}]}"));
        return count;
    }

    /** The documents to test: the smallest obvious superset of the matches. */
    private static int[] candidates(CatalogIndex index, FilterPlan plan, TextSearch.Result search) {
        if (plan.hasLookups()) {
            Set<Integer> docs = new LinkedHashSet<>();
            for (String u : plan.uuids) {
                Integer d = index.byUuid.get(u);
                if (d != null) {
                    docs.add(d);
                }
            }
            for (String n : plan.names) {
                Integer d = index.byId.get(n);
                if (d != null) {
                    docs.add(d);
                }
            }
            return docs.stream().mapToInt(Integer::intValue).toArray();
        }
        if (search != null) {
            return search.docs().clone();
        }
        if (!plan.categories.isEmpty()) {
            return union(index.byCategory, plan.categories);
        }
        if (!plan.tags.isEmpty()) {
            return union(index.byTag, plan.tags);
        }
        if (!plan.publishers.isEmpty()) {
            return union(index.byPublisher, plan.publishers);
        }
        int[] all = new int[index.size()];
        Arrays.setAll(all, i -> i);
        return all;
    }

    private static int[] union(java.util.Map<String, int[]> map, Set<String> keys) {
        List<int[]> lists = new ArrayList<>();
        int size = 0;
        for (String k : keys) {
            int[] l = map.get(k);
            if (l != null) {
                lists.add(l);
                size += l.length;
            }
        }
        if (lists.size() == 1) {
            return lists.get(0).clone();
        }
        int[] all = new int[size];
        int at = 0;
        for (int[] l : lists) {
            System.arraycopy(l, 0, all, at, l.length);
            at += l.length;
        }
        return Arrays.stream(all).sorted().distinct().toArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
