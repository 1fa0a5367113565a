package dev.vscmirror.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An immutable snapshot of the catalog with the lookup structures the query engine needs: documents (extensions)
 * numbered 0..n-1, maps by id, uuid, exact name, category, tag and publisher, a sorted name array for prefix
 * matches and a {@link TokenIndex} for text search. Built by {@link ExtensionCatalog} after changes.
 */
public final class CatalogIndex {
    static final CatalogIndex EMPTY = build(List.of());

    final ExtensionEntry[] docs;
    final Map<String, Integer> byId;
    final Map<String, Integer> byUuid;
    final Map<String, int[]> byExactName;
    final Map<String, int[]> byCategory;
    final Map<String, int[]> byTag;
    final Map<String, int[]> byPublisher;
    final String[] names;   // sorted lower-case names and display names
    final int[] nameDocs;   // document of names[i]
    final TokenIndex tokens;
    final boolean anyFeatured;
    /** Per document, as primitives so that scanning tens of thousands of candidates stays in cache. */
    final double[] installs;
    final long[] flagBits;
    final boolean[] hasTargets;
    /** Documents in result order per (sortBy, direction), built on first use: listings need no per-query sort. */
    private final java.util.concurrent.ConcurrentHashMap<String, int[]> orders = new java.util.concurrent.ConcurrentHashMap<>();

    private CatalogIndex(ExtensionEntry[] docs, Map<String, Integer> byId, Map<String, Integer> byUuid,
            Map<String, int[]> byExactName, Map<String, int[]> byCategory, Map<String, int[]> byTag,
            Map<String, int[]> byPublisher, String[] names, int[] nameDocs, TokenIndex tokens) {
        this.docs = docs;
        this.byId = byId;
        this.byUuid = byUuid;
        this.byExactName = byExactName;
        this.byCategory = byCategory;
        this.byTag = byTag;
        this.byPublisher = byPublisher;
        this.names = names;
        this.nameDocs = nameDocs;
        this.tokens = tokens;
        this.anyFeatured = Arrays.stream(docs).anyMatch(ExtensionEntry::featured);
        this.installs = new double[docs.length];
        this.flagBits = new long[docs.length];
        this.hasTargets = new boolean[docs.length];
        for (int d = 0; d < docs.length; d++) {
            installs[d] = docs[d].stats().installs();
            flagBits[d] = docs[d].flagBits();
            hasTargets[d] = !docs[d].installationTargets().isEmpty();
        }
    }

    /** @return the number of extensions */
    public int size() {
        return docs.length;
    }

    /** @return the extension with this {@code publisher.name} (any case), or null */
    public ExtensionEntry byId(String publisherDotName) {
        Integer d = byId.get(publisherDotName.toLowerCase(Locale.ROOT));
        return d == null ? null : docs[d];
    }

    private final java.util.concurrent.ConcurrentHashMap<String, String[]> sortKeys = new java.util.concurrent.ConcurrentHashMap<>();

    /** @return a per-document string sort key, computed once per snapshot */
    String[] sortKeys(String name, java.util.function.Function<ExtensionEntry, String> key) {
        return sortKeys.computeIfAbsent(name, k -> {
            String[] out = new String[docs.length];
            for (int d = 0; d < docs.length; d++) {
                out[d] = key.apply(docs[d]);
            }
            return out;
        });
    }

    /** @return every document in the order of a listing without search text (same ties as {@link DocOrder}) */
    int[] order(Integer sortBy, int sortOrder) {
        return orders.computeIfAbsent((sortBy == null ? 0 : sortBy) + ":" + sortOrder, k -> {
            DocOrder.IntComparator c = DocOrder.of(this, sortBy, sortOrder, null);
            Integer[] boxed = new Integer[docs.length];
            Arrays.setAll(boxed, i -> i);
            Arrays.sort(boxed, c::compare);
            return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
        });
    }

    /** @return every extension, ordered by id */
    public List<ExtensionEntry> all() {
        return List.of(docs);
    }

    /** Builds the snapshot; {@code entries} in any order. */
    static CatalogIndex build(List<ExtensionEntry> entries) {
        ExtensionEntry[] docs = entries.toArray(new ExtensionEntry[0]);
        Arrays.sort(docs, (a, b) -> a.id().compareTo(b.id()));
        Map<String, Integer> byId = new HashMap<>(docs.length * 2);
        Map<String, Integer> byUuid = new HashMap<>(docs.length * 2);
        Map<String, List<Integer>> exact = new HashMap<>();
        Map<String, List<Integer>> categories = new HashMap<>();
        Map<String, List<Integer>> tags = new HashMap<>();
        Map<String, List<Integer>> publishers = new HashMap<>();
        List<String> nameList = new ArrayList<>(docs.length * 2);
        TokenIndex.Builder tokens = new TokenIndex.Builder();
        for (int d = 0; d < docs.length; d++) {
            ExtensionEntry e = docs[d];
            byId.put(e.id(), d);
            if (!e.uuid().isEmpty()) {
                byUuid.put(e.uuid(), d);
            }
            String name = e.extensionName().toLowerCase(Locale.ROOT);
            String display = e.displayName().toLowerCase(Locale.ROOT);
            add(exact, name, d);
            nameList.add(name + '\u0000' + d);
            if (!display.isEmpty() && !display.equals(name)) {
                add(exact, display, d);
                nameList.add(display + '\u0000' + d);
            }
            for (String c : e.categories()) {
                add(categories, c, d);
            }
            for (String t : e.tags()) {
                add(tags, t, d);
            }
            add(publishers, e.publisherName().toLowerCase(Locale.ROOT), d);
            tokens.add(d, e.extensionName(), TokenIndex.NAME);
            tokens.add(d, e.displayName(), TokenIndex.DISPLAY_NAME);
            for (String t : e.tags()) {
                if (!t.startsWith("__")) { // "__web_extension" and friends are markers, not words
                    tokens.add(d, t, TokenIndex.TAGS);
                }
            }
            tokens.add(d, e.publisherName() + ' ' + e.publisherDisplayName(), TokenIndex.PUBLISHER);
            tokens.add(d, e.shortDescription(), TokenIndex.DESCRIPTION);
        }
        nameList.sort(null);
        String[] names = new String[nameList.size()];
        int[] nameDocs = new int[nameList.size()];
        for (int i = 0; i < names.length; i++) {
            String s = nameList.get(i);
            int z = s.lastIndexOf('\u0000');
            names[i] = s.substring(0, z);
            nameDocs[i] = Integer.parseInt(s.substring(z + 1));
        }
        return new CatalogIndex(docs, byId, byUuid, freeze(exact), freeze(categories), freeze(tags),
                freeze(publishers), names, nameDocs, tokens.build());
    }

    private static void add(Map<String, List<Integer>> map, String key, int doc) {
        List<Integer> list = map.computeIfAbsent(key, k -> new ArrayList<>(2));
        if (list.isEmpty() || list.get(list.size() - 1) != doc) {
            list.add(doc);
        }
    }

    private static Map<String, int[]> freeze(Map<String, List<Integer>> map) {
        Map<String, int[]> out = new HashMap<>(map.size() * 2);
        map.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }
}
