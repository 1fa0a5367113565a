package dev.vscmirror.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.vscmirror.config.RewriteConfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rewrites URLs in JSON metadata and redirect {@code Location}s so that a client's follow-up request comes back to
 * the mirror (issue 4, "URL rewriting"; DESIGN.md "How clients reach the mirror").
 * <ul>
 *   <li>{@code mirror-hosts}: {@code https://H/p?q} becomes {@code https://{mirrorHost}/_vscmirror/H/p?q}</li>
 *   <li>{@code base-url}: it becomes {@code {publicUrl}/_vscmirror/H/p?q}</li>
 * </ul>
 * Only the JSON fields {@code assetUri}, {@code fallbackAssetUri}, {@code source} (of {@code files[]}) and
 * {@code url} (update answers, protocol §5.1) are touched; every other byte of the document stays as it was.
 * VSIX, signature and installer bodies never go through this class. The store keeps the upstream original.
 */
public final class UrlRewriter {
    /** The path segment that marks a rewritten URL. */
    public static final String MARKER = "/_vscmirror/";
    private static final Set<String> URL_FIELDS = Set.of("assetUri", "fallbackAssetUri", "source", "url");
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?");
    private static final JsonFactory JSON = new JsonFactory();

    private final RewriteConfig.Mode mode;
    private final String prefix;          // e.g. "https://marketplace.visualstudio.com/_vscmirror/" (ends with '/')
    private final String unwrapPathPrefix; // path part of prefix, e.g. "/_vscmirror/" or "/base/_vscmirror/"

    /** @param config the rewrite settings; {@code base-url} needs {@code publicUrl}, {@code mirror-hosts} needs {@code mirrorHost} */
    public UrlRewriter(RewriteConfig config) {
        Objects.requireNonNull(config, "config");
        this.mode = config.mode() == null ? RewriteConfig.Mode.NONE : config.mode();
        switch (mode) {
            case MIRROR_HOSTS -> {
                String host = config.mirrorHost();
                if (host == null || host.isBlank()) {
                    throw new IllegalArgumentException("rewrite.mirrorHost: empty (expected: a host name such as "
                            + "marketplace.visualstudio.com when rewrite is mirror-hosts)");
                }
                prefix = "https://" + host.toLowerCase(Locale.ROOT) + MARKER;
                unwrapPathPrefix = MARKER;
            }
            case BASE_URL -> {
                URI url = config.publicUrl();
                if (url == null || url.getScheme() == null || url.getHost() == null) {
                    throw new IllegalArgumentException("rewrite.publicUrl: " + url
                            + " (expected: an absolute URL such as https://mirror.example when rewrite is base-url)");
                }
                String base = url.toString();
                while (base.endsWith("/")) {
                    base = base.substring(0, base.length() - 1);
                }
                prefix = base + MARKER;
                String path = url.getRawPath() == null ? "" : url.getRawPath();
                while (path.endsWith("/")) {
                    path = path.substring(0, path.length() - 1);
                }
                unwrapPathPrefix = path + MARKER;
            }
            default -> {
                prefix = null;
                unwrapPathPrefix = MARKER;
            }
        }
    }

    /** @return true when URLs are rewritten (mode is not {@code none}) */
    public boolean active() {
        return mode != RewriteConfig.Mode.NONE;
    }

    /**
     * Rewrites the URL fields of a JSON document. Everything outside the rewritten string values is kept byte for
     * byte (numbers, order, whitespace).
     *
     * @param host the host the answer is served for (informational; every absolute http(s) URL is rewritten)
     * @param body the decoded JSON body (no content encoding); not JSON, or nothing to rewrite: returned as is
     * @return the rewritten body, or {@code body} itself when nothing changed
     */
    public byte[] rewriteJson(String host, byte[] body) {
        if (!active() || body == null || body.length == 0) {
            return body;
        }
        List<int[]> spans = new ArrayList<>();
        List<String> replacements = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(body)) {
            String field = null;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    field = parser.currentName();
                    continue;
                }
                if (token == JsonToken.VALUE_STRING && field != null && URL_FIELDS.contains(field)
                        && parser.getParsingContext().inObject()) {
                    int start = (int) parser.currentTokenLocation().getByteOffset();
                    String value = parser.getText();
                    int end = (int) parser.currentLocation().getByteOffset();
                    String rewritten = rewriteUrl(value);
                    if (!rewritten.equals(value) && start >= 0 && end > start) {
                        spans.add(new int[] {start, end});
                        replacements.add(rewritten);
                    }
                }
                field = null;
            }
        } catch (IOException | RuntimeException e) {
            return body; // not JSON: served as recorded
        }
        if (spans.isEmpty()) {
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + spans.size() * 48);
        int at = 0;
        for (int i = 0; i < spans.size(); i++) {
            int[] span = spans.get(i);
            out.write(body, at, span[0] - at);
            out.write('"');
            out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(replacements.get(i)));
            out.write('"');
            at = span[1];
        }
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    /**
     * Rewrites a redirect target (protocol §6.4: "rewrite it consistently to a host the proxy also serves").
     *
     * @param location the recorded {@code Location} value; relative values and null are returned unchanged
     */
    public String rewriteLocation(String location) {
        if (!active() || location == null) {
            return location;
        }
        return rewriteUrl(location);
    }

    /**
     * Recognises the {@code /_vscmirror/{host}/...} form (after the public URL's path with {@code base-url}).
     *
     * @param host         the host the request arrived for (any; not checked)
     * @param pathAndQuery the request's path and query
     * @return the original host and path, or empty when the request is not in the rewritten form
     */
    public Optional<Unwrapped> unwrap(String host, String pathAndQuery) {
        if (pathAndQuery == null) {
            return Optional.empty();
        }
        String rest;
        if (pathAndQuery.startsWith(unwrapPathPrefix)) {
            rest = pathAndQuery.substring(unwrapPathPrefix.length());
        } else if (pathAndQuery.startsWith(MARKER)) {
            rest = pathAndQuery.substring(MARKER.length());
        } else {
            return Optional.empty();
        }
        int end = indexOfAny(rest, "/?");
        String originalHost = (end < 0 ? rest : rest.substring(0, end)).toLowerCase(Locale.ROOT);
        if (!HOST.matcher(originalHost).matches()) {
            return Optional.empty();
        }
        String tail = end < 0 ? "/" : rest.substring(end);
        if (tail.startsWith("?")) {
            tail = "/" + tail;
        }
        return Optional.of(new Unwrapped(originalHost, tail));
    }

    private String rewriteUrl(String url) {
        if (prefix == null || url.startsWith(prefix)) {
            return url;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        int schemeEnd;
        if (lower.startsWith("https://")) {
            schemeEnd = 8;
        } else if (lower.startsWith("http://")) {
            schemeEnd = 7;
        } else {
            return url;
        }
        int hostEnd = indexOfAny(url.substring(schemeEnd), "/?#");
        String host = hostEnd < 0 ? url.substring(schemeEnd) : url.substring(schemeEnd, schemeEnd + hostEnd);
        String rest = hostEnd < 0 ? "" : url.substring(schemeEnd + hostEnd);
        if (host.isEmpty() || host.contains("@")) {
            return url;
        }
        if (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        return prefix + host.toLowerCase(Locale.ROOT) + "/" + rest;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
