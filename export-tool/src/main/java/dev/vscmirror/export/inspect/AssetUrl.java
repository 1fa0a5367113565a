package dev.vscmirror.export.inspect;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises what a recorded URL is: an extension asset (protocol §3.1, §3.6: gallery {@code assetbyname},
 * gallerycdn {@code /extensions/…}, the {@code /vspackage} form, {@code …/vscode/{p}/{n}/latest}) or a VS Code
 * build download (protocol §5: {@code …/{quality}/{commit}/{file}}).
 */
public final class AssetUrl {
    private static final Pattern ASSET_BY_NAME = Pattern.compile(
            "/_apis/public/gallery/publisher/([^/]+)/(?:extension/)?([^/]+)/([^/]+)/assetbyname/([^/?]+)");
    private static final Pattern CDN = Pattern.compile("/extensions/([^/]+)/([^/]+)/([^/]+)/[^/]+/([^/?]+)");
    private static final Pattern VSPACKAGE = Pattern.compile(
            "/_apis/public/gallery/publishers/([^/]+)/vsextensions/([^/]+)/([^/]+)/vspackage");
    private static final Pattern LATEST = Pattern.compile("/_apis/public/gallery/vscode/([^/]+)/([^/]+)/latest");
    private static final Pattern BUILD = Pattern.compile("/(stable|insider|exploration)/([0-9a-f]{40})/([^/?]+)$");
    private static final Pattern PLATFORM = Pattern.compile("(?:^|&)targetPlatform=([^&]+)");

    /** An extension file: version null for a {@code latest} lookup, platform null when universal. */
    public record ExtensionAsset(String publisher, String name, String version, String platform, String assetType) {
        public String id() {
            return (publisher + "." + name).toLowerCase(Locale.ROOT);
        }
    }

    /** A VS Code build file. */
    public record Build(String quality, String commit, String file) {
    }

    private AssetUrl() {
    }

    public static Optional<ExtensionAsset> extension(String url) {
        URI uri = parse(url);
        if (uri == null || uri.getRawPath() == null) {
            return Optional.empty();
        }
        String path = uri.getRawPath();
        String platform = platform(uri.getRawQuery());
        Matcher m = ASSET_BY_NAME.matcher(path);
        if (m.find()) {
            return Optional.of(new ExtensionAsset(m.group(1), m.group(2), m.group(3), platform, m.group(4)));
        }
        m = CDN.matcher(path);
        if (m.matches()) {
            return Optional.of(new ExtensionAsset(m.group(1), m.group(2), m.group(3), platform, m.group(4)));
        }
        m = VSPACKAGE.matcher(path);
        if (m.find()) {
            return Optional.of(new ExtensionAsset(m.group(1), m.group(2), m.group(3), platform,
                    "Microsoft.VisualStudio.Services.VSIXPackage"));
        }
        m = LATEST.matcher(path);
        if (m.find()) {
            return Optional.of(new ExtensionAsset(m.group(1), m.group(2), null, null, "latest"));
        }
        return Optional.empty();
    }

    public static Optional<Build> build(String url) {
        URI uri = parse(url);
        if (uri == null || uri.getRawPath() == null) {
            return Optional.empty();
        }
        Matcher m = BUILD.matcher(uri.getRawPath());
        return m.find() ? Optional.of(new Build(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    public static String host(String url) {
        URI uri = parse(url);
        return uri == null || uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    }

    private static String platform(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        Matcher m = PLATFORM.matcher(rawQuery);
        return m.find() ? m.group(1) : null;
    }

    private static URI parse(String url) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
