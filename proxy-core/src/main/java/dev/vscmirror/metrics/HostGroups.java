package dev.vscmirror.metrics;

import java.util.List;
import java.util.Locale;

/**
 * Maps a host name to a bounded metric label ("host group"), so metrics never carry one series per publisher
 * sub-domain ({@code somepub.gallery.vsassets.io}). Groups follow the default host list (protocol §1).
 */
public final class HostGroups {
    /** Every value {@link #of(String)} can return. */
    public static final List<String> ALL =
            List.of("marketplace", "gallery", "gallerycdn", "update", "cdn", "unpkg", "telemetry", "other");

    private HostGroups() {}

    /**
     * The group of {@code host}: case-insensitive, a port ({@code host:443}) and a trailing dot are ignored.
     *
     * @param host a host name; null or blank gives {@code other}
     * @return one of {@link #ALL}
     */
    public static String of(String host) {
        if (host == null || host.isBlank()) {
            return "other";
        }
        String h = strip(host.toLowerCase(Locale.ROOT));
        if (h.equals("marketplace.visualstudio.com")) {
            return "marketplace";
        }
        if (h.endsWith(".gallerycdn.vsassets.io") || h.equals("gallerycdn.vsassets.io")) {
            return "gallerycdn";
        }
        if (h.endsWith(".gallery.vsassets.io") || h.equals("gallery.vsassets.io")) {
            return "gallery";
        }
        if (h.equals("update.code.visualstudio.com")) {
            return "update";
        }
        if (h.equals("main.vscode-cdn.net") || h.endsWith(".vscode-cdn.net")
                || h.equals("vscode.download.prss.microsoft.com") || h.equals("az764295.vo.msecnd.net")) {
            return "cdn";
        }
        if (h.equals("vscode-unpkg.net") || h.endsWith(".vscode-unpkg.net")) {
            return "unpkg";
        }
        if (h.equals("mobile.events.data.microsoft.com")) {
            return "telemetry";
        }
        return "other";
    }

    private static String strip(String h) {
        if (h.startsWith("[")) {
            return h; // an IPv6 literal is never one of our names
        }
        int colon = h.indexOf(':');
        if (colon >= 0) {
            h = h.substring(0, colon);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
