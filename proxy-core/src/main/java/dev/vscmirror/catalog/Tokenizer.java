package dev.vscmirror.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into lower-case search tokens: runs of letters and digits, plus {@code +} and {@code #} so that
 * "C++" and "C#" stay searchable.
 */
public final class Tokenizer {
    private Tokenizer() {
    }

    /** @return the tokens of {@code text} in order (duplicates kept); empty for null */
    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            boolean part = i < lower.length() && isTokenChar(lower.charAt(i));
            if (part && start < 0) {
                start = i;
            } else if (!part && start >= 0) {
                out.add(lower.substring(start, i));
                start = -1;
            }
        }
        return out;
    }

    private static boolean isTokenChar(char c) {
        return Character.isLetterOrDigit(c) || c == '+' || c == '#';
    }
}
