package dev.vscmirror.catalog;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises the Marketplace API paths the catalog answers (protocol §2.1, §2.6, §2.7, §4). */
public final class GalleryPaths {
    private static final Pattern LATEST = Pattern.compile("(?:/[^?]*)?/vscode/([^/?]+)/([^/?]+)/latest/?");
    private static final Pattern UNPKG_LATEST = Pattern.compile("/_gallery/([^/?]+)/([^/?]+)/latest/?");
    private static final Pattern STATS = Pattern.compile(
            "(?:/[^?]*)?/_apis/public/gallery/(publishers/[^/]+/extensions/[^/]+/[^/]+/stats"
                    + "|itemName/[^/]+/version/[^/]+/statType/[^/]+/vscodewebextension)/?");

    private GalleryPaths() {
    }

    /** An extension named by a path: publisher and name as sent. */
    public record ExtensionName(String publisher, String name) {
        public String id() {
            return (publisher + "." + name).toLowerCase(Locale.ROOT);
        }
    }

    /** @return true for {@code POST …/extensionquery} */
    public static boolean isExtensionQuery(String method, String pathAndQuery) {
        return "POST".equalsIgnoreCase(method) && path(pathAndQuery).endsWith("/extensionquery");
    }

    /** @return the extension of a latest-API request ({@code …/vscode/{p}/{n}/latest} or unpkg {@code /_gallery/…}) */
    public static Optional<ExtensionName> latest(String host, String pathAndQuery) {
        String path = path(pathAndQuery);
        Matcher m = LATEST.matcher(path);
        if (!m.matches() && host != null && host.toLowerCase(Locale.ROOT).endsWith("vscode-unpkg.net")) {
            m = UNPKG_LATEST.matcher(path);
        }
        return m.matches() ? Optional.of(new ExtensionName(m.group(1), m.group(2))) : Optional.empty();
    }

    /** @return true for the control manifest ({@code /extensions/marketplace.json} on the CDN, protocol §4) */
    public static boolean isControlManifest(String host, String pathAndQuery) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return path(pathAndQuery).equals("/extensions/marketplace.json")
                && (h.equals("main.vscode-cdn.net") || h.equals("az764295.vo.msecnd.net"));
    }

    /** @return true for a statistics POST (protocol §2.7) */
    public static boolean isStatistics(String method, String pathAndQuery) {
        return "POST".equalsIgnoreCase(method) && STATS.matcher(path(pathAndQuery)).matches();
    }

    static String path(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }
}
