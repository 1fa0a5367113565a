package dev.vscmirror.server;

import java.util.Locale;

/** Classifies requests into the bounded route names used by metrics, and recognises statistics POSTs. */
public final class Routes {
    private Routes() {
    }

    /**
     * True for VS Code's fire-and-forget statistics POSTs (protocol §2.7): {@code …/stats?statType=…} and the older
     * web form {@code …/statType/{n}/vscodewebextension}. They are answered locally and never recorded.
     */
    public static boolean isStatistics(String method, String pathAndQuery) {
        if (!"POST".equalsIgnoreCase(method)) {
            return false;
        }
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        if (path.endsWith("/stats") && ("&" + query).contains("&statType=")) {
            return true;
        }
        return path.contains("/statType/") && path.endsWith("/vscodewebextension");
    }

    /**
     * One of extensionquery, latest, asset, vspackage, update, control, stats, other.
     *
     * @param host lower-case host
     */
    public static String classify(String method, String host, String pathAndQuery) {
        if (isStatistics(method, pathAndQuery)) {
            return "stats";
        }
        int q = pathAndQuery.indexOf('?');
        String path = (q < 0 ? pathAndQuery : pathAndQuery.substring(0, q)).toLowerCase(Locale.ROOT);
        if (path.endsWith("/extensionquery")) {
            return "extensionquery"; // protocol §2.1
        }
        if (path.contains("/vscode/") && path.endsWith("/latest")) {
            return "latest"; // protocol §2.6
        }
        if (path.endsWith("/vspackage")) {
            return "vspackage"; // protocol §3.6
        }
        if (host.endsWith(".gallery.vsassets.io") || host.endsWith(".gallerycdn.vsassets.io")
                || path.contains("/assetbyname/") || path.contains("/_apis/public/gallery/publisher/")) {
            return "asset"; // protocol §3.1
        }
        if (host.equals("main.vscode-cdn.net")) {
            return "control"; // protocol §4
        }
        if (host.equals("update.code.visualstudio.com") || host.equals("vscode.download.prss.microsoft.com")
                || host.equals("az764295.vo.msecnd.net")) {
            return "update"; // protocol §5
        }
        return "other";
    }
}
