package dev.vscmirror.admin;

import static io.netty.handler.codec.http.HttpResponseStatus.BAD_REQUEST;
import static io.netty.handler.codec.http.HttpResponseStatus.CONFLICT;
import static io.netty.handler.codec.http.HttpResponseStatus.METHOD_NOT_ALLOWED;
import static io.netty.handler.codec.http.HttpResponseStatus.MISDIRECTED_REQUEST;
import static io.netty.handler.codec.http.HttpResponseStatus.NOT_FOUND;
import static io.netty.handler.codec.http.HttpResponseStatus.OK;
import static io.netty.handler.codec.http.HttpResponseStatus.SERVICE_UNAVAILABLE;
import static io.netty.handler.codec.http.HttpResponseStatus.UNAUTHORIZED;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vscmirror.config.MirrorConfig;
import dev.vscmirror.metrics.MirrorMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The admin API's routes (issue 6). Runs on the admin worker threads; every answer is built in full here. */
final class AdminRoutes {
    static final int DEFAULT_PAGE_SIZE = 25;
    static final int MAX_PAGE_SIZE = 200;

    private final AdminContext context;
    private final MirrorMetrics metrics;
    private final BearerAuth auth;
    private final StatusResources status = new StatusResources();
    private final Clock clock;
    private final boolean loopback;

    /** @param loopback whether the listener is on loopback: then only loopback Host headers are answered */
    AdminRoutes(AdminContext context, MirrorMetrics metrics, BearerAuth auth, Clock clock, boolean loopback) {
        this.loopback = loopback;
        this.context = context;
        this.metrics = metrics;
        this.auth = auth;
        this.clock = clock;
    }

    AdminResponse handle(AdminRequest request) {
        String path = request.path();
        if (loopback && !request.hostIsLoopback()) {
            // DNS rebinding guard: a web page whose name now resolves to 127.0.0.1 sends its own name as Host.
            return AdminResponse.text(MISDIRECTED_REQUEST, "this admin listener is on loopback and answers only"
                    + " Host: localhost or 127.0.0.1 (got " + request.host().replaceAll("[^A-Za-z0-9.:\\[\\]-]", "_")
                    + ")\n");
        }
        if (request.isMutating() && auth.configured() && !auth.accepts(request.authorization())) {
            return withHeader(AdminResponse.text(UNAUTHORIZED, "this call needs Authorization: Bearer <admin.token>\n"),
                    "WWW-Authenticate", "Bearer realm=\"vscmirror-admin\"");
        }
        if (path.equals("/api/mode")) {
            return mode(request);
        }
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return withHeader(AdminResponse.text(METHOD_NOT_ALLOWED, request.method() + " " + path
                    + ": only GET and HEAD are allowed here\n"), "Allow", "GET, HEAD");
        }
        return switch (path) {
            case "/healthz" -> AdminResponse.text(OK, "ok\n");
            case "/readyz" -> ready();
            case "/metrics" -> new AdminResponse.Full(OK, MirrorMetrics.contentType(),
                    metrics.scrape().getBytes(StandardCharsets.UTF_8), Map.of());
            case "/", "/status", "/status/" -> page("index.html");
            case "/status/status.css", "/status/status.js" -> page(path.substring("/status/".length()));
            case "/api/status" -> AdminResponse.json(OK, AdminJson.bytes(AdminJson.status(context, clock.instant())));
            case "/api/misses" -> AdminResponse.json(OK, AdminJson.bytes(AdminJson.misses(
                    context.misses(intParam(request, "limit", 100, 1, 10_000)))));
            case "/api/extensions" -> extensions(request);
            case "/ca.crt" -> ca(true);
            case "/ca.cer" -> ca(false);
            default -> {
                if (path.startsWith("/api/extensions/")) {
                    yield extension(path.substring("/api/extensions/".length()));
                }
                if (path.startsWith("/download/")) {
                    yield download(request, path.substring("/download/".length()));
                }
                yield AdminResponse.text(NOT_FOUND, "no such admin route: " + path + "\n");
            }
        };
    }

    private AdminResponse mode(AdminRequest request) {
        if (request.method().equals("GET") || request.method().equals("HEAD")) {
            return modeAnswer();
        }
        if (!request.method().equals("PUT")) {
            return withHeader(AdminResponse.text(METHOD_NOT_ALLOWED, "/api/mode: use GET or PUT\n"),
                    "Allow", "GET, HEAD, PUT");
        }
        String text = new String(request.body(), StandardCharsets.UTF_8).trim();
        if (text.startsWith("{")) {
            try {
                JsonNode mode = AdminJson.MAPPER.readTree(text).path("mode");
                text = mode.isTextual() ? mode.asText() : "";
            } catch (IOException e) {
                return AdminResponse.text(BAD_REQUEST, "/api/mode: body is not JSON: " + e.getMessage() + "\n");
            }
        }
        MirrorConfig.Mode mode;
        try {
            mode = MirrorConfig.Mode.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return AdminResponse.text(BAD_REQUEST, "/api/mode: '" + text + "' (expected: record, replay or fallback,"
                    + " as plain text or {\"mode\":\"replay\"})\n");
        }
        try {
            context.setMode(mode);
        } catch (IllegalArgumentException e) {
            return AdminResponse.text(CONFLICT, "/api/mode: " + e.getMessage() + "\n");
        }
        return modeAnswer();
    }

    private AdminResponse modeAnswer() {
        return AdminResponse.json(OK, AdminJson.bytes(AdminJson.mode(context.mode().name().toLowerCase(Locale.ROOT))));
    }

    private AdminResponse ready() {
        List<ReadinessPart> parts = context.readiness();
        List<ReadinessPart> failing = parts.stream().filter(p -> !p.ready()).toList();
        if (failing.isEmpty()) {
            return AdminResponse.text(OK, "ready\n");
        }
        return AdminResponse.text(SERVICE_UNAVAILABLE, "not ready: " + failing.stream()
                .map(p -> p.detail().isEmpty() ? p.name() : p.name() + " (" + p.detail() + ")")
                .collect(Collectors.joining(", ")) + "\n");
    }

    private AdminResponse page(String name) {
        Map<String, String> headers = new LinkedHashMap<>();
        // Everything the page needs comes from this listener: no CDN, no inline script.
        headers.put("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Cache-Control", "no-cache");
        return new AdminResponse.Full(OK, status.contentType(name), status.bytes(name), headers);
    }

    private AdminResponse extensions(AdminRequest request) {
        String query = request.param("q", "").trim();
        int page = intParam(request, "page", 1, 1, 100_000);
        int size = intParam(request, "pageSize", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        ExtensionPage result = context.extensions(query, page, size);
        return AdminResponse.json(OK, AdminJson.bytes(AdminJson.page(query, page, size, result)));
    }

    private AdminResponse extension(String id) {
        int dot = id.indexOf('.');
        if (dot <= 0 || dot == id.length() - 1 || id.indexOf('/') >= 0) {
            return AdminResponse.text(BAD_REQUEST, "extension id '" + id + "' (expected: publisher.name)\n");
        }
        Optional<ExtensionDetails> details = context.extension(id.substring(0, dot), id.substring(dot + 1));
        return details.<AdminResponse>map(d -> AdminResponse.json(OK, AdminJson.bytes(AdminJson.details(d))))
                .orElseGet(() -> AdminResponse.text(NOT_FOUND, "extension " + id + " is not in the catalog\n"));
    }

    private AdminResponse download(AdminRequest request, String rest) {
        int slash = rest.indexOf('/');
        int dot = rest.indexOf('.');
        if (slash <= 0 || dot <= 0 || dot > slash || slash == rest.length() - 1 || rest.indexOf('/', slash + 1) >= 0) {
            return AdminResponse.text(BAD_REQUEST, "/download/" + rest + " (expected: /download/publisher.name/version"
                    + "[?targetPlatform=...])\n");
        }
        String publisher = rest.substring(0, dot);
        String name = rest.substring(dot + 1, slash);
        String version = rest.substring(slash + 1);
        String platform = request.param("targetPlatform", null);
        Optional<VsixFile> file = context.vsix(publisher, name, version, platform);
        if (file.isEmpty() || !Files.isRegularFile(file.get().path())) {
            return AdminResponse.text(NOT_FOUND, "no recorded VSIX for " + publisher + "." + name + " " + version
                    + (platform == null ? "" : " (" + platform + ")") + "\n");
        }
        String fileName = publisher + "." + name + "-" + version + (platform == null ? "" : "@" + platform) + ".vsix";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/vsix");
        headers.put("Content-Disposition", "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._@-]", "_")
                + "\"");
        if (file.get().contentEncoding() != null) {
            headers.put("Content-Encoding", file.get().contentEncoding());
        }
        return new AdminResponse.FileBody(OK, file.get().path(), headers);
    }

    private AdminResponse ca(boolean pem) {
        Optional<X509Certificate> ca = context.caCertificate();
        if (ca.isEmpty()) {
            return AdminResponse.text(SERVICE_UNAVAILABLE, "the CA is not loaded yet\n");
        }
        Map<String, String> headers = Map.of("Content-Disposition",
                "attachment; filename=\"vscmirror-ca." + (pem ? "crt" : "cer") + "\"");
        return pem
                ? new AdminResponse.Full(OK, "application/x-pem-file",
                        CaInfo.pem(ca.get()).getBytes(StandardCharsets.US_ASCII), headers)
                : new AdminResponse.Full(OK, "application/pkix-cert", CaInfo.der(ca.get()), headers);
    }

    private static int intParam(AdminRequest request, String name, int fallback, int min, int max) {
        String value = request.param(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Math.max(min, Math.min(max, Integer.parseInt(value.trim())));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static AdminResponse withHeader(AdminResponse.Full response, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.put(name, value);
        return new AdminResponse.Full(response.status(), response.contentType(), response.body(), headers);
    }
}
