package dev.vscmirror.update;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the update service's URLs (protocol §5.1, §5.2) and the download CDNs' file URLs.
 */
public final class UpdatePaths {
    /** Hosts of the update service. */
    public static final Set<String> UPDATE_HOSTS = Set.of("update.code.visualstudio.com", "vscode-update.azurewebsites.net");

    private static final Pattern API_UPDATE = Pattern.compile("/api/update/([^/?]+)/([^/?]+)/([^/?]+)/?");
    private static final Pattern API_LATEST = Pattern.compile("/api/latest/([^/?]+)/([^/?]+)/?");
    private static final Pattern API_VERSIONS = Pattern.compile("/api/versions/([^/?]+)/([^/?]+)/([^/?]+)/?");
    private static final Pattern API_RELEASES = Pattern.compile("/api/releases/([^/?]+)/?");
    private static final Pattern DOWNLOAD = Pattern.compile("/(commit:[0-9a-fA-F]+|latest|[0-9][^/?]*)/([^/?]+)/([^/?]+)/?");
    private static final Pattern PRSS_FILE = Pattern.compile("/dbazure/download/([^/?]+)/([0-9a-fA-F]{40})/([^/?]+)");
    private static final Pattern LEGACY_FILE = Pattern.compile("/([a-z]+)/([0-9a-fA-F]{40})/([^/?]+)");

    /** What an update-service path asks for. {@code ref} is the commit, "latest", or a product version. */
    public record Route(Kind kind, String platform, String quality, String ref) {
    }

    /** The update-service endpoints. */
    public enum Kind { UPDATE, LATEST_API, VERSION_API, RELEASES, DOWNLOAD }

    /** A build file on a download CDN: {@code /dbazure/download/{quality}/{commit}/{file}} or the legacy form. */
    public record FileRef(String quality, String commit, String file) {
    }

    private UpdatePaths() {
    }

    /** @return the route of an update-service request, or empty when the path is none of §5's */
    public static Optional<Route> route(String host, String pathAndQuery) {
        if (host == null || !UPDATE_HOSTS.contains(host.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String path = path(pathAndQuery);
        Matcher m;
        if ((m = API_UPDATE.matcher(path)).matches()) {
            return Optional.of(new Route(Kind.UPDATE, m.group(1), m.group(2), m.group(3)));
        }
        if ((m = API_LATEST.matcher(path)).matches()) {
            return Optional.of(new Route(Kind.LATEST_API, m.group(1), m.group(2), "latest"));
        }
        if ((m = API_VERSIONS.matcher(path)).matches()) {
            return Optional.of(new Route(Kind.VERSION_API, m.group(2), m.group(3), m.group(1)));
        }
        if ((m = API_RELEASES.matcher(path)).matches()) {
            return Optional.of(new Route(Kind.RELEASES, "", m.group(1), ""));
        }
        if (!path.startsWith("/api/") && (m = DOWNLOAD.matcher(path)).matches()) {
            return Optional.of(new Route(Kind.DOWNLOAD, m.group(2), m.group(3), m.group(1)));
        }
        return Optional.empty();
    }

    /** @return the build file a CDN URL names, or empty */
    public static Optional<FileRef> file(String host, String pathAndQuery) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        String path = path(pathAndQuery);
        Matcher m = PRSS_FILE.matcher(path);
        if (m.matches()) {
            return Optional.of(new FileRef(m.group(1), m.group(2).toLowerCase(Locale.ROOT), m.group(3)));
        }
        if (!UPDATE_HOSTS.contains(h) && (m = LEGACY_FILE.matcher(path)).matches()
                && (h.endsWith("msecnd.net") || h.endsWith("vscode.cdn.azure.cn"))) {
            return Optional.of(new FileRef(m.group(1), m.group(2).toLowerCase(Locale.ROOT), m.group(3)));
        }
        return Optional.empty();
    }

    static String path(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }
}
