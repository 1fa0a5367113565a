package dev.vscmirror.catalog;

import java.util.Comparator;

/**
 * Orders extension version strings the way the Marketplace does for {@code versions[]} (protocol §2.4: newest
 * first): dot-separated numeric parts compared numerically, a {@code -suffix} sorts before the plain release.
 */
public final class VersionOrder implements Comparator<String> {
    /** Ascending order (oldest first); use {@code reversed()} for newest first. */
    public static final VersionOrder ASCENDING = new VersionOrder();

    private VersionOrder() {
    }

    @Override
    public int compare(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        String[] mainA = split(a);
        String[] mainB = split(b);
        int c = compareDotted(mainA[0], mainB[0]);
        if (c != 0) {
            return c;
        }
        // 1.0.0-beta < 1.0.0
        if (mainA[1] == null || mainB[1] == null) {
            return mainA[1] == null ? (mainB[1] == null ? 0 : 1) : -1;
        }
        return compareDotted(mainA[1], mainB[1]);
    }

    private static String[] split(String v) {
        int dash = v.indexOf('-');
        int plus = v.indexOf('+');
        int end = plus < 0 ? v.length() : plus;
        if (dash >= 0 && dash < end) {
            return new String[] {v.substring(0, dash), v.substring(dash + 1, end)};
        }
        return new String[] {v.substring(0, end), null};
    }

    private static int compareDotted(String a, String b) {
        String[] pa = a.split("\\.", -1);
        String[] pb = b.split("\\.", -1);
        for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
            String x = i < pa.length ? pa[i] : "0";
            String y = i < pb.length ? pb[i] : "0";
            int c = comparePart(x, y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int comparePart(String x, String y) {
        boolean nx = isNumber(x);
        boolean ny = isNumber(y);
        if (nx && ny) {
            String tx = stripZeros(x);
            String ty = stripZeros(y);
            return tx.length() != ty.length() ? Integer.compare(tx.length(), ty.length()) : tx.compareTo(ty);
        }
        if (nx != ny) {
            return nx ? 1 : -1; // numeric parts outrank textual ones
        }
        return x.compareTo(y);
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String stripZeros(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }
}
