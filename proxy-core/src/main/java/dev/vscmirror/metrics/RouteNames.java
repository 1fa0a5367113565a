package dev.vscmirror.metrics;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The bounded route names used as metric labels, and a classifier from a request path to a route. Paths are never
 * labels: a route names the kind of request (protocol §2 gallery, §3 assets, §4 update service).
 */
public final class RouteNames {
    public static final String EXTENSIONQUERY = "extensionquery";
    public static final String LATEST = "latest";
    public static final String ASSET = "asset";
    public static final String VSPACKAGE = "vspackage";
    public static final String UPDATE = "update";
    public static final String CONTROL = "control";
    public static final String STATS = "stats";
    /** A forward-proxy {@code CONNECT} (tunnelled or intercepted); never returned by {@link #of(String)}. */
    public static final String CONNECT = "connect";
    public static final String OTHER = "other";

    /** Every route name, in a stable order. */
    public static final List<String> ALL =
            List.of(EXTENSIONQUERY, LATEST, ASSET, VSPACKAGE, UPDATE, CONTROL, STATS, CONNECT, OTHER);

    private static final Pattern LATEST_PATH = Pattern.compile(".*/(vscode|_gallery)/[^/]+/[^/]+/latest$");
    private static final Pattern UPDATE_PATH =
            Pattern.compile("^/(api/(update|releases|latest|versions|commits)/|latest/|commit:|\\d+\\.\\d+\\.\\d+/).*");

    private RouteNames() {}

    /** {@code route} itself when it is one of {@link #ALL} (case-insensitive), otherwise {@code other}. */
    public static String bounded(String route) {
        if (route == null) {
            return OTHER;
        }
        String r = route.toLowerCase(Locale.ROOT);
        return ALL.contains(r) ? r : OTHER;
    }

    /**
     * Classifies a request by its path (the query is ignored).
     *
     * @param pathAndQuery the request target as sent, e.g. {@code /_apis/public/gallery/extensionquery}; null gives other
     * @return one of {@link #ALL}
     */
    public static String of(String pathAndQuery) {
        if (pathAndQuery == null) {
            return OTHER;
        }
        int q = pathAndQuery.indexOf('?');
        String path = (q >= 0 ? pathAndQuery.substring(0, q) : pathAndQuery).toLowerCase(Locale.ROOT);
        if (path.endsWith("/extensionquery")) {
            return EXTENSIONQUERY;
        }
        if (path.endsWith("/stats") || path.contains("/statistics")) {
            return STATS; // protocol §2.6: install/uninstall statistics POSTs
        }
        if (path.endsWith("/vspackage")) {
            return VSPACKAGE; // protocol §3.6, also …/latest/vspackage
        }
        if (LATEST_PATH.matcher(path).matches()) {
            return LATEST; // protocol §2.6
        }
        if (path.contains("/assetbyname/") || path.contains("/_apis/public/gallery/publisher/")
                || path.startsWith("/extensions/") && !path.endsWith("/marketplace.json")
                || path.contains("/microsoft.visualstudio.")) {
            return ASSET;
        }
        if (path.endsWith("/marketplace.json")) {
            return CONTROL;
        }
        if (UPDATE_PATH.matcher(path).matches()) {
            return UPDATE;
        }
        return OTHER;
    }
}
