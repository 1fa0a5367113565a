package dev.vscmirror.catalog;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the URL forms of extension assets into {@link AssetRef}s (protocol §3.1, §3.5, §3.6). */
public final class AssetUrls {
    /** The VSIX asset type. */
    public static final String VSIX = "microsoft.visualstudio.services.vsixpackage";

    private static final Pattern CDN = Pattern.compile("/extensions/([^/]+)/([^/]+)/([^/]+)/([0-9]+)/([^/]+)");
    private static final Pattern ASSET_BY_NAME = Pattern.compile(
            "(?:/[^?]*)?/_apis/public/gallery/publisher/([^/]+)/extension/([^/]+)/([^/]+)/assetbyname/([^/]+)");
    private static final Pattern VSPACKAGE = Pattern.compile(
            "(?:/[^?]*)?/_apis/public/gallery/publishers/([^/]+)/vsextensions/([^/]+)/([^/]+)/vspackage");
    private static final Pattern UNPKG = Pattern.compile("/([^/]+)/([^/]+)/([^/]+)/(.+)");

    private AssetUrls() {
    }

    /** @return the asset a request names, or empty when the URL is not an asset form */
    public static Optional<AssetRef> parse(String host, String pathAndQuery) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        Map<String, String> params = params(q < 0 ? "" : pathAndQuery.substring(q + 1));
        String platform = params.getOrDefault("targetplatform", "");
        Matcher m;
        if ((m = ASSET_BY_NAME.matcher(path)).matches()) {
            boolean redirect = "true".equalsIgnoreCase(params.get("redirect"));
            return Optional.of(ref(m.group(1), m.group(2), m.group(3), platform, m.group(4),
                    redirect ? AssetRef.Form.ASSET_BY_NAME_REDIRECT : AssetRef.Form.ASSET_BY_NAME));
        }
        if ((m = VSPACKAGE.matcher(path)).matches()) {
            return Optional.of(ref(m.group(1), m.group(2), m.group(3), platform, VSIX, AssetRef.Form.VSPACKAGE));
        }
        if (h.endsWith(".gallerycdn.vsassets.io") && (m = CDN.matcher(path)).matches()) {
            return Optional.of(ref(m.group(1), m.group(2), m.group(3), platform, m.group(5), AssetRef.Form.CDN));
        }
        if (h.endsWith(".vscode-unpkg.net") && !h.startsWith("www.") && (m = UNPKG.matcher(path)).matches()) {
            String version = decode(m.group(3));
            int plus = version.indexOf('+');
            String p = plus < 0 ? platform : version.substring(plus + 1);
            String v = plus < 0 ? version : version.substring(0, plus);
            return Optional.of(ref(m.group(1), m.group(2), v, p, "unpkg:/" + m.group(4), AssetRef.Form.UNPKG));
        }
        return Optional.empty();
    }

    private static AssetRef ref(String publisher, String name, String version, String platform, String type,
            AssetRef.Form form) {
        return new AssetRef(lower(decode(publisher)), lower(decode(name)), lower(decode(version)), lower(platform),
                type.startsWith("unpkg:") ? type : lower(decode(type)), form);
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new HashMap<>();
        for (String p : query.split("&")) {
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            out.put(lower(decode(eq < 0 ? p : p.substring(0, eq))), eq < 0 ? "" : decode(p.substring(eq + 1)));
        }
        return out;
    }

    private static String decode(String s) {
        try {
            // '+' is literal in paths (unpkg's "version+platform"), not a form-encoded space
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
