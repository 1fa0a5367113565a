package dev.vscmirror.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The canonical key under which an upstream answer is recorded and looked up.
 *
 * <p>The key keeps what decides the answer and drops what is per user, per client or per call
 * (protocol §2.1, §5.1, §6.2):
 * <ul>
 *   <li>method upper-case, host lower-case, path exactly as sent;</li>
 *   <li>query parameters sorted (as raw {@code name=value} strings, still URL-encoded), with the
 *       update check's {@code bg} and {@code u} (protocol §5.1) and the download counters
 *       {@code install} and {@code update} (protocol §3.1, §3.3) removed, wherever they appear;</li>
 *   <li>{@code Accept-Encoding} reduced to {@code gzip} or {@code identity} (protocol §6.2: Node
 *       clients decode only gzip, so a {@code br}-only request is stored as identity);</li>
 *   <li>for {@code POST …/extensionquery} the JSON body normalised (object keys sorted,
 *       {@code filters[].criteria} sorted, whitespace ignored) and included as its SHA-256
 *       (protocol §2.1: criteria order follows the caller's list); an unparsable body is hashed raw;</li>
 *   <li>other POST bodies included as the SHA-256 of their bytes.</li>
 * </ul>
 * Headers such as {@code User-Agent}, {@code X-Market-User-Id}, {@code VSCode-SessionId},
 * {@code X-Market-Client-Id} and {@code Authorization} never take part.
 *
 * <p>{@link #value()} has the form {@code METHOD host/path?sorted-query enc=gzip|identity[ body=SHA256]},
 * for example {@code GET update.code.visualstudio.com/api/update/darwin/stable/abc enc=identity}.
 */
public final class RequestKey {
    private static final Set<String> DROPPED_PARAMS = Set.of("bg", "u", "install", "update");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final String value;
    private final boolean extensionQuery;

    private RequestKey(String value, boolean extensionQuery) {
        this.value = value;
        this.extensionQuery = extensionQuery;
    }

    /**
     * Builds the key of one request.
     *
     * @param method         HTTP method, any case
     * @param host           host name without port, any case
     * @param pathAndQuery   the request target as sent ({@code /path?query}); must start with {@code /}
     * @param acceptEncoding the request's Accept-Encoding header, or null when absent
     * @param body           the request body, or null/empty when there is none
     */
    public static RequestKey of(String method, String host, String pathAndQuery, String acceptEncoding,
            byte[] body) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("pathAndQuery: " + pathAndQuery + " (expected: starts with '/')");
        }
        String m = method.toUpperCase(Locale.ROOT);
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : canonicalQuery(pathAndQuery.substring(q + 1));
        boolean extensionQuery = m.equals("POST") && path.endsWith("/extensionquery");

        StringBuilder sb = new StringBuilder(96);
        sb.append(m).append(' ').append(host.toLowerCase(Locale.ROOT)).append(path);
        if (!query.isEmpty()) {
            sb.append('?').append(query);
        }
        sb.append(" enc=").append(acceptsGzip(acceptEncoding) ? "gzip" : "identity");
        if (m.equals("POST") && body != null && body.length > 0) {
            byte[] hashed = extensionQuery ? normalisedQueryBody(body) : body;
            sb.append(" body=").append(sha256Hex(hashed));
        }
        return new RequestKey(sb.toString(), extensionQuery);
    }

    /** The store key (never null, single line). */
    public String value() {
        return value;
    }

    /** True for a {@code POST …/extensionquery} (protocol §2). */
    public boolean isExtensionQuery() {
        return extensionQuery;
    }

    static String canonicalQuery(String rawQuery) {
        List<String> kept = new ArrayList<>();
        for (String param : rawQuery.split("&")) {
            if (param.isEmpty()) {
                continue;
            }
            int eq = param.indexOf('=');
            String name = eq < 0 ? param : param.substring(0, eq);
            if (!DROPPED_PARAMS.contains(name)) {
                kept.add(param);
            }
        }
        kept.sort(null);
        return String.join("&", kept);
    }

    /**
     * gzip unless absent, not offered, or offered with q=0 (protocol §6.2: only gzip matters). Replay uses the same
     * rule to pick between a gzip and an identity recording.
     */
    public static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.trim().split(";");
            String coding = pieces[0].trim().toLowerCase(Locale.ROOT);
            if (!coding.equals("gzip") && !coding.equals("x-gzip")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].trim().replace(" ", "");
                if (p.startsWith("q=") && p.substring(2).matches("0(\\.0*)?")) {
                    refused = true;
                }
            }
            if (!refused) {
                return true;
            }
        }
        return false;
    }

    /** Canonical JSON of an extensionquery body, or the raw bytes when it is not JSON. */
    static byte[] normalisedQueryBody(byte[] body) {
        try {
            JsonNode canonical = canonical(JSON.readTree(body));
            if (canonical.has("filters") && canonical.get("filters").isArray()) {
                for (JsonNode filter : canonical.get("filters")) {
                    if (filter.isObject() && filter.get("criteria") instanceof ArrayNode criteria) {
                        sortArray(criteria);
                    }
                }
            }
            return JSON.writeValueAsBytes(canonical);
        } catch (IOException e) {
            return body; // not JSON: still a stable key, just without normalisation
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(child -> out.add(canonical(child)));
            return out;
        }
        return node;
    }

    private static void sortArray(ArrayNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        nodes.sort((a, b) -> text(a).compareTo(text(b)));
        array.removeAll();
        nodes.forEach(array::add);
    }

    private static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a parsed JSON node", e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestKey other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
