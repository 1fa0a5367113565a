package dev.vscmirror.catalog;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Relevance search over a {@link CatalogIndex} (issue 4: exact id, then exact name or display name, then prefix
 * and token matches in name, display name, short description and tags; the caller breaks ties by install count).
 * A document matches when its id or a name equals or starts with the text, or when every token of the text equals
 * or starts a token of one of its fields.
 */
final class TextSearch {
    private static final float EXACT_ID = 1_000_000f;
    private static final float EXACT_NAME = 100_000f;
    private static final float NAME_PREFIX = 10_000f;

    /**
     * The result: {@code scores[doc] > 0} for matching documents, {@code docs} lists them (ascending not
     * guaranteed).
     */
    record Result(float[] scores, int[] docs) {
        boolean matches(int doc) {
            return scores[doc] > 0;
        }
    }

    private TextSearch() {
    }

    /** Searches for any of the texts (several SearchText criteria are alternatives). */
    static Result search(CatalogIndex index, List<String> texts) {
        if (texts.size() == 1) {
            return searchOne(index, texts.get(0));
        }
        int n = index.size();
        float[] scores = new float[n];
        int[] list = new int[16];
        int count = 0;
        for (String text : texts) {
            Result r = searchOne(index, text);
            for (int d : r.docs()) {
                if (scores[d] == 0) {
                    if (count == list.length) {
                        list = Arrays.copyOf(list, count * 2);
                    }
                    list[count++] = d;
                }
                scores[d] = Math.max(scores[d], r.scores()[d]);
            }
        }
        return new Result(scores, Arrays.copyOf(list, count));
    }

    private static Result searchOne(CatalogIndex index, String text) {
        int n = index.size();
        float[] scores = new float[n];
        Set<String> queryTokens = new LinkedHashSet<>(Tokenizer.tokens(text));
        int[] matched = new int[n];
        int[] seen = new int[n];
        int[] touched = new int[64];
        int touchedCount = 0;
        int round = 0;
        for (String qt : queryTokens) {
            round++;
            int[] range = index.tokens.prefixRange(qt);
            for (int t = range[0]; t < range[1]; t++) {
                boolean exact = index.tokens.token(t).length() == qt.length();
                int[] docs = index.tokens.docs(t);
                byte[] masks = index.tokens.masks(t);
                for (int i = 0; i < docs.length; i++) {
                    int d = docs[i];
                    if (seen[d] != round) {
                        if (seen[d] == 0) {
                            if (touchedCount == touched.length) {
                                touched = Arrays.copyOf(touched, touchedCount * 2);
                            }
                            touched[touchedCount++] = d;
                        }
                        seen[d] = round;
                        matched[d]++;
                    }
                    scores[d] += weight(masks[i]) * (exact ? 2 : 1);
                }
            }
        }
        int needed = queryTokens.size();
        int[] out = new int[touchedCount + 8];
        int count = 0;
        for (int i = 0; i < touchedCount; i++) {
            int d = touched[i];
            if (matched[d] == needed && needed > 0) {
                out[count++] = d;
            } else {
                scores[d] = 0;
            }
        }
        // name-level boosts: exact id, exact name/display name, name prefix
        count = boost(scores, out, count, index.byId.get(text), EXACT_ID);
        int[] exactNames = index.byExactName.get(text);
        if (exactNames != null) {
            for (int d : exactNames) {
                out = ensure(out, count);
                count = boost(scores, out, count, d, EXACT_NAME);
            }
        }
        int from = lowerBound(index.names, text);
        for (int i = from; i < index.names.length && index.names[i].startsWith(text); i++) {
            out = ensure(out, count);
            count = boost(scores, out, count, index.nameDocs[i], NAME_PREFIX);
        }
        return new Result(scores, Arrays.copyOf(out, count));
    }

    private static int[] ensure(int[] out, int count) {
        return count < out.length ? out : Arrays.copyOf(out, out.length * 2 + 1);
    }

    private static int boost(float[] scores, int[] out, int count, Integer doc, float boost) {
        if (doc == null) {
            return count;
        }
        if (scores[doc] == 0) {
            out[count++] = doc;
        }
        scores[doc] += boost;
        return count;
    }

    private static float weight(byte mask) {
        float w = 0;
        if ((mask & TokenIndex.NAME) != 0) {
            w += 8;
        }
        if ((mask & TokenIndex.DISPLAY_NAME) != 0) {
            w += 8;
        }
        if ((mask & TokenIndex.TAGS) != 0) {
            w += 4;
        }
        if ((mask & TokenIndex.PUBLISHER) != 0) {
            w += 3;
        }
        if ((mask & TokenIndex.DESCRIPTION) != 0) {
            w += 2;
        }
        return w;
    }

    private static int lowerBound(String[] sorted, String key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid].compareTo(key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
