package dev.vscmirror.update;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vscmirror.catalog.CatalogJson;
import dev.vscmirror.catalog.CatalogKeys;
import dev.vscmirror.catalog.RowSink;
import dev.vscmirror.store.RecordedExchange;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Rows of the {@code updates} family, derived from recorded update-service exchanges (protocol §5). Keys use
 * {@link CatalogKeys#key} with these type bytes:
 * <ul>
 *   <li>{@link #BUILD}: (platform, quality, build commit) → {@code {"timestamp","recordedAt","requestKey","build"}}
 *       from a 200 answer of {@code /api/update/…}; builds accumulate and are ordered by {@code timestamp}</li>
 *   <li>{@link #UP_TO_DATE}: (platform, quality, caller commit) → {@code {"recordedAt","requestKey"}} from a 204</li>
 *   <li>{@link #DOWNLOAD}: (platform, quality, ref) → {@code {"location","status","requestKey","recordedAt"}} from a
 *       redirect of {@code /commit:{c}/…}, {@code /{version}/…} or {@code /latest/…}</li>
 *   <li>{@link #FILE}: (quality, commit, file) → {@code {"url","requestKey","recordedAt","size"}} for a build file
 *       stored from a download CDN</li>
 * </ul>
 */
public final class UpdateRows {
    public static final byte BUILD = 0x01;
    public static final byte UP_TO_DATE = 0x02;
    public static final byte DOWNLOAD = 0x03;
    public static final byte FILE = 0x04;

    private UpdateRows() {
    }

    /**
     * Emits the rows of one exchange, if it is an update-service or build-file exchange.
     *
     * @param json the decoded JSON body, parsed on demand (null when not JSON)
     */
    public static void derive(RecordedExchange exchange, Supplier<JsonNode> json, RowSink sink) {
        URI uri = URI.create(exchange.url());
        String host = exchange.host();
        String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Optional<UpdatePaths.Route> route = UpdatePaths.route(host, pathAndQuery);
        if (route.isPresent()) {
            fromRoute(exchange, route.get(), json, sink);
            return;
        }
        Optional<UpdatePaths.FileRef> file = UpdatePaths.file(host, pathAndQuery);
        if (file.isPresent() && exchange.status() == 200) {
            UpdatePaths.FileRef f = file.get();
            ObjectNode v = base(exchange);
            v.put("url", exchange.url());
            v.put("size", exchange.bodySize());
            sink.row(CatalogKeys.UPDATES, CatalogKeys.key(FILE, f.quality(), f.commit(), f.file()), CatalogJson.bytes(v));
        }
    }

    private static void fromRoute(RecordedExchange exchange, UpdatePaths.Route r, Supplier<JsonNode> json, RowSink sink) {
        int status = exchange.status();
        switch (r.kind()) {
            case UPDATE, LATEST_API, VERSION_API -> {
                if (status == 200) {
                    JsonNode build = json.get();
                    if (build != null && build.isObject() && build.hasNonNull("version") && build.hasNonNull("url")) {
                        ObjectNode v = base(exchange);
                        v.put("timestamp", build.path("timestamp").asLong(0));
                        v.set("build", build);
                        sink.row(CatalogKeys.UPDATES, CatalogKeys.key(BUILD, r.platform(), r.quality(),
                                build.get("version").asText().toLowerCase(Locale.ROOT)), CatalogJson.bytes(v));
                    }
                } else if (status == 204 && r.kind() == UpdatePaths.Kind.UPDATE && !r.ref().equals("latest")) {
                    sink.row(CatalogKeys.UPDATES, CatalogKeys.key(UP_TO_DATE, r.platform(), r.quality(),
                            r.ref().toLowerCase(Locale.ROOT)), CatalogJson.bytes(base(exchange)));
                }
            }
            case DOWNLOAD -> {
                String location = exchange.header("Location");
                if (status >= 300 && status < 400 && location != null) {
                    ObjectNode v = base(exchange);
                    v.put("location", location);
                    v.put("status", status);
                    sink.row(CatalogKeys.UPDATES, CatalogKeys.key(DOWNLOAD, r.platform(), r.quality(),
                            r.ref().toLowerCase(Locale.ROOT)), CatalogJson.bytes(v));
                }
            }
            default -> {
                // /api/releases: answered by its exact recording, or synthesised from the builds
            }
        }
    }

    private static ObjectNode base(RecordedExchange exchange) {
        ObjectNode v = CatalogJson.object();
        v.put("recordedAt", exchange.recordedAt().toEpochMilli());
        v.put("requestKey", exchange.requestKey());
        return v;
    }
}
