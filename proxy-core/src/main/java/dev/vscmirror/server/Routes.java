package dev.vscmirror.server;

/** Recognises requests the server answers itself, whatever the mode. */
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
}
