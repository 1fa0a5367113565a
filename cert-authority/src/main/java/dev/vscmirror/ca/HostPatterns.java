package dev.vscmirror.ca;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A list of exact host names and {@code *.domain} patterns. Matching is case-insensitive and on the IDNA ASCII
 * form; {@code *.domain} matches any name below {@code domain} (not {@code domain} itself).
 */
public final class HostPatterns {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");

    private final List<String> patterns;

    private HostPatterns(List<String> patterns) {
        this.patterns = patterns;
    }

    /**
     * @param patterns exact names ({@code marketplace.visualstudio.com}) and {@code *.domain} patterns
     * @throws IllegalArgumentException naming a pattern that is not a DNS name or {@code *.domain}
     */
    public static HostPatterns of(List<String> patterns) {
        return new HostPatterns(patterns.stream().map(HostPatterns::normalizePattern).toList());
    }

    /** True when {@code host} (any case, Unicode or ASCII form, optional trailing dot) is on the list. */
    public boolean matches(String host) {
        Optional<String> h = normalize(host);
        if (h.isEmpty()) {
            return false;
        }
        String name = h.get();
        for (String p : patterns) {
            if (p.startsWith("*.") ? name.endsWith(p.substring(1)) : name.equals(p)) {
                return true;
            }
        }
        return false;
    }

    /** The normalised patterns. */
    public List<String> patterns() {
        return patterns;
    }

    @Override
    public String toString() {
        return patterns.toString();
    }

    /** The ASCII, lower-case form of a DNS name, or empty when {@code host} is not a valid DNS name. */
    static Optional<String> normalize(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String ascii;
        try {
            ascii = IDN.toASCII(host.trim(), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        if (ascii.isEmpty() || ascii.length() > 253) {
            return Optional.empty();
        }
        for (String label : ascii.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(ascii);
    }

    private static String normalizePattern(String pattern) {
        boolean wildcard = pattern.startsWith("*.");
        Optional<String> name = normalize(wildcard ? pattern.substring(2) : pattern);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("host pattern: '" + pattern + "' (expected: a DNS name or *.domain)");
        }
        return wildcard ? "*." + name.get() : name.get();
    }
}
