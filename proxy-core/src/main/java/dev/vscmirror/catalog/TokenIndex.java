package dev.vscmirror.catalog;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * An inverted index of search tokens: sorted distinct tokens (so a prefix is a contiguous range found by binary
 * search), each with the ascending documents it occurs in and, per document, a bit mask of the fields it occurs in.
 * Immutable once built.
 */
final class TokenIndex {
    static final int NAME = 1;
    static final int DISPLAY_NAME = 2;
    static final int TAGS = 4;
    static final int PUBLISHER = 8;
    static final int DESCRIPTION = 16;

    private final String[] tokens;
    private final int[][] docs;
    private final byte[][] masks;

    private TokenIndex(String[] tokens, int[][] docs, byte[][] masks) {
        this.tokens = tokens;
        this.docs = docs;
        this.masks = masks;
    }

    int size() {
        return tokens.length;
    }

    String token(int i) {
        return tokens[i];
    }

    int[] docs(int i) {
        return docs[i];
    }

    byte[] masks(int i) {
        return masks[i];
    }

    /** @return {from, to} (to exclusive): the tokens that start with {@code prefix} */
    int[] prefixRange(String prefix) {
        int from = lowerBound(prefix);
        int to = from;
        while (to < tokens.length && tokens[to].startsWith(prefix)) {
            to++;
        }
        return new int[] {from, to};
    }

    private int lowerBound(String key) {
        int lo = 0;
        int hi = tokens.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens[mid].compareTo(key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Collects postings document by document (documents must be added in ascending order). */
    static final class Builder {
        private final Map<String, Postings> postings = new HashMap<>();

        void add(int doc, String text, int field) {
            for (String t : Tokenizer.tokens(text)) {
                postings.computeIfAbsent(t, k -> new Postings()).add(doc, field);
            }
        }

        TokenIndex build() {
            String[] sorted = postings.keySet().toArray(new String[0]);
            Arrays.sort(sorted);
            int[][] docs = new int[sorted.length][];
            byte[][] masks = new byte[sorted.length][];
            for (int i = 0; i < sorted.length; i++) {
                Postings p = postings.get(sorted[i]);
                docs[i] = Arrays.copyOf(p.docs, p.size);
                masks[i] = Arrays.copyOf(p.masks, p.size);
            }
            return new TokenIndex(sorted, docs, masks);
        }
    }

    private static final class Postings {
        int[] docs = new int[2];
        byte[] masks = new byte[2];
        int size;

        void add(int doc, int field) {
            if (size > 0 && docs[size - 1] == doc) {
                masks[size - 1] |= (byte) field;
                return;
            }
            if (size == docs.length) {
                docs = Arrays.copyOf(docs, size * 2);
                masks = Arrays.copyOf(masks, size * 2);
            }
            docs[size] = doc;
            masks[size] = (byte) field;
            size++;
        }
    }
}
