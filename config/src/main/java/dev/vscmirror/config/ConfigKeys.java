package dev.vscmirror.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every configuration key: its path in the file (camelCase, nested with dots), whether it holds a list, its
 * default, its environment variable and its command-line flag (if any). The single source of the key names.
 */
public final class ConfigKeys {
    /** One configuration key. {@code defaultValue} is a String, a List of Strings, or null (unset). */
    public record Key(String path, boolean list, Object defaultValue, String flag) {
        /** {@code VSCMIRROR_} + upper snake case of the path: {@code listeners.tls} → {@code VSCMIRROR_LISTENERS_TLS}. */
        public String envName() {
            StringBuilder sb = new StringBuilder("VSCMIRROR_");
            for (char c : path.toCharArray()) {
                if (c == '.') {
                    sb.append('_');
                } else if (Character.isUpperCase(c)) {
                    sb.append('_').append(c);
                } else {
                    sb.append(Character.toUpperCase(c));
                }
            }
            return sb.toString();
        }
    }

    /** The names the issue lists as the CA's default name constraints. */
    public static final List<String> DEFAULT_PERMITTED_DOMAINS = List.of("code.visualstudio.com",
            "visualstudio.com", "vscode-cdn.net", "vsassets.io", "download.prss.microsoft.com", "vo.msecnd.net",
            "vscode-unpkg.net");

    /** The names intercepted by default (DESIGN.md, "How clients reach the mirror"). */
    public static final List<String> DEFAULT_HOSTS = List.of("update.code.visualstudio.com",
            "marketplace.visualstudio.com", "main.vscode-cdn.net", "*.gallery.vsassets.io",
            "*.gallerycdn.vsassets.io", "vscode.download.prss.microsoft.com", "az764295.vo.msecnd.net",
            "www.vscode-unpkg.net", "*.vscode-unpkg.net", "mobile.events.data.microsoft.com");

    private static final Map<String, Key> KEYS = new LinkedHashMap<>();

    static {
        add("dataDir", false, null, "--data-dir"); // default depends on the environment, see ConfigLoader
        add("mode", false, "record", "--mode");
        add("hosts", true, DEFAULT_HOSTS, "--host");
        add("listeners.tls", false, "127.0.0.1:8443", "--tls-listen");
        add("listeners.proxy", false, "127.0.0.1:8080", "--proxy-listen");
        add("listeners.admin", false, "127.0.0.1:9090", "--admin-listen");
        add("ca.permittedDomains", true, DEFAULT_PERMITTED_DOMAINS, null);
        add("ca.leafValidity", false, "90d", null);
        add("upstream.overrides", true, List.of(), "--upstream-override");
        add("upstream.extraCa", false, null, "--upstream-ca");
        add("upstream.egressProxy", false, null, "--egress-proxy");
        add("upstream.connectTimeout", false, "10s", null);
        add("upstream.readTimeout", false, "60s", null);
        add("upstream.maxRetries", false, "3", null);
        add("upstream.unlistedHosts", false, "by-mode", null);
        add("limits.maxInitialLineBytes", false, "8KiB", null);
        add("limits.maxHeaderBytes", false, "16KiB", null);
        add("limits.maxRequestBodyBytes", false, "1MiB", null);
        add("limits.idleTimeout", false, "120s", null);
        add("limits.clientReadTimeout", false, "30s", null);
        add("limits.maxConnections", false, "10000", null);
        add("record.statuses", true, List.of("200", "204", "301", "302", "307", "308", "404"), null);
        add("rewrite.mode", false, "none", "--rewrite");
        add("rewrite.mirrorHost", false, "marketplace.visualstudio.com", null);
        add("rewrite.publicUrl", false, null, "--public-url");
        add("admin.token", false, null, null);
        add("log.accessLog", false, "stdout", "--access-log");
        add("log.level", false, "info", "--log-level");
    }

    private ConfigKeys() {}

    private static void add(String path, boolean list, Object defaultValue, String flag) {
        KEYS.put(path, new Key(path, list, defaultValue, flag));
    }

    /** All keys in documentation order. */
    public static List<Key> all() {
        return List.copyOf(KEYS.values());
    }

    public static Optional<Key> byPath(String path) {
        return Optional.ofNullable(KEYS.get(path));
    }

    public static Optional<Key> byEnvName(String envName) {
        return KEYS.values().stream().filter(k -> k.envName().equals(envName)).findFirst();
    }

    /** True when {@code prefix} names a section ({@code listeners}, {@code ca}, ...). */
    public static boolean isSection(String prefix) {
        return KEYS.keySet().stream().anyMatch(p -> p.startsWith(prefix + "."));
    }

    /** {@code " (did you mean 'x'?)"} for the closest known name, or an empty string when none is close. */
    public static String didYouMean(String unknown, List<String> candidates) {
        return closest(unknown, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }

    /** The candidate closest to {@code unknown} (case-insensitive edit distance), when it is close enough to help. */
    public static Optional<String> closest(String unknown, List<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(unknown.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        // A suggestion farther than a third of the name is noise rather than help.
        if (best == null || bestDistance > Math.max(2, unknown.length() / 3)) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    /** Known key paths and section names: candidates for {@link #didYouMean}. */
    public static List<String> pathsAndSections() {
        List<String> out = new ArrayList<>(KEYS.keySet());
        for (String p : KEYS.keySet()) {
            int dot = p.indexOf('.');
            if (dot > 0 && !out.contains(p.substring(0, dot))) {
                out.add(p.substring(0, dot));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
