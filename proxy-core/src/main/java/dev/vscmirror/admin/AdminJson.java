package dev.vscmirror.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vscmirror.accesslog.AccessLogEntry;
import dev.vscmirror.accesslog.Redactor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/** JSON shapes of the admin API (instants as ISO-8601 strings, sizes in bytes). */
final class AdminJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private AdminJson() {}

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    static ObjectNode mode(String mode) {
        return MAPPER.createObjectNode().put("mode", mode);
    }

    static ObjectNode status(AdminContext context, Instant now) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("mode", context.mode().name().toLowerCase(Locale.ROOT));
        Instant started = context.startedAt();
        root.put("startedAt", started.toString());
        root.put("uptimeSeconds", Math.max(0, Duration.between(started, now).toSeconds()));
        List<ReadinessPart> parts = context.readiness();
        root.put("ready", parts.stream().allMatch(ReadinessPart::ready));
        root.set("readiness", readiness(parts));
        StoreSummary store = context.store();
        ObjectNode s = root.putObject("store");
        s.put("exchanges", store.exchanges()).put("blobs", store.blobs()).put("blobBytes", store.blobBytes());
        ObjectNode byHost = s.putObject("exchangesByHost");
        new TreeMap<>(store.exchangesByHost()).forEach(byHost::put);
        CatalogSummary catalog = context.catalog();
        root.putObject("catalog").put("extensions", catalog.extensions()).put("versions", catalog.versions())
                .put("publishers", catalog.publishers()).put("vscodeBuilds", catalog.vscodeBuilds());
        root.set("ca", ca(context.caCertificate(), now));
        root.set("misses", misses(context.misses(10)));
        root.set("recent", recent(context.recentActivity(20)));
        return root;
    }

    static ArrayNode readiness(List<ReadinessPart> parts) {
        ArrayNode array = MAPPER.createArrayNode();
        parts.forEach(p -> array.addObject().put("name", p.name()).put("ready", p.ready()).put("detail", p.detail()));
        return array;
    }

    static JsonNode ca(Optional<X509Certificate> certificate, Instant now) {
        if (certificate.isEmpty()) {
            return MAPPER.nullNode();
        }
        X509Certificate c = certificate.get();
        long days = CaInfo.daysToExpiry(c, now);
        return MAPPER.createObjectNode().put("subject", CaInfo.subject(c))
                .put("fingerprintSha256", CaInfo.fingerprintSha256(c))
                .put("notBefore", c.getNotBefore().toInstant().toString())
                .put("notAfter", c.getNotAfter().toInstant().toString())
                .put("daysToExpiry", days).put("expiringSoon", days < CaInfo.WARN_DAYS)
                .put("pemUrl", "/ca.crt").put("derUrl", "/ca.cer");
    }

    static ArrayNode misses(List<MissEntry> misses) {
        ArrayNode array = MAPPER.createArrayNode();
        misses.forEach(m -> array.addObject().put("kind", m.kind()).put("what", Redactor.target(m.what()))
                .put("count", m.count()).put("lastSeen", m.lastSeen() == null ? null : m.lastSeen().toString()));
        return array;
    }

    static ArrayNode recent(List<AccessLogEntry> entries) {
        ArrayNode array = MAPPER.createArrayNode();
        for (AccessLogEntry e : entries) {
            array.addObject().put("time", e.time().toString()).put("client", e.client())
                    .put("listener", e.listener()).put("host", e.host()).put("method", e.method())
                    .put("target", Redactor.target(e.target())).put("status", e.status()).put("bytes", e.bytes())
                    .put("outcome", e.outcome()).put("millis", e.millis());
        }
        return array;
    }

    static ObjectNode page(String query, int page, int pageSize, ExtensionPage result) {
        ObjectNode root = MAPPER.createObjectNode().put("query", query).put("page", page).put("pageSize", pageSize)
                .put("total", result.total());
        ArrayNode items = root.putArray("items");
        result.items().forEach(s -> summary(items.addObject(), s));
        return root;
    }

    static ObjectNode details(ExtensionDetails details) {
        ObjectNode root = MAPPER.createObjectNode();
        ExtensionSummary s = details.summary();
        summary(root, s);
        ArrayNode versions = root.putArray("versionList");
        for (ExtensionVersion v : details.versions()) {
            ObjectNode node = versions.addObject().put("version", v.version())
                    .put("targetPlatform", v.targetPlatform()).put("preRelease", v.preRelease())
                    .put("vsixBytes", v.vsixRecorded() ? v.vsixBytes() : null)
                    .put("lastUpdated", v.lastUpdated() == null ? null : v.lastUpdated().toString());
            node.put("download", v.vsixRecorded() ? downloadLink(s.publisher(), s.name(), v) : null);
        }
        return root;
    }

    /** {@code /download/{publisher}.{name}/{version}[?targetPlatform=...]}, path segments URL-encoded. */
    static String downloadLink(String publisher, String name, ExtensionVersion v) {
        String link = "/download/" + enc(publisher + "." + name) + "/" + enc(v.version());
        return v.targetPlatform() == null ? link : link + "?targetPlatform=" + enc(v.targetPlatform());
    }

    private static void summary(ObjectNode node, ExtensionSummary s) {
        node.put("id", s.publisher() + "." + s.name()).put("publisher", s.publisher()).put("name", s.name())
                .put("displayName", s.displayName()).put("latestVersion", s.latestVersion())
                .put("versions", s.versions()).put("description", s.description())
                .put("detailsUrl", "/api/extensions/" + enc(s.publisher() + "." + s.name()));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
