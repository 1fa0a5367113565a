package dev.vscmirror.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns the merged raw values into a {@link MirrorConfig}, adding one problem per bad value (key, value, source,
 * what is expected) instead of stopping at the first.
 */
final class ConfigBinder {
    private static final Duration MAX_LEAF_VALIDITY = Duration.ofDays(397); // CA/Browser Forum limit for TLS leaves
    private static final List<String> LEVELS = List.of("error", "warn", "info", "debug", "trace");

    private final Map<String, ConfigLoader.Raw> values;
    private final List<String> problems;

    ConfigBinder(Map<String, ConfigLoader.Raw> values, List<String> problems) {
        this.values = values;
        this.problems = problems;
    }

    /** Returns the configuration, or null when a problem was added. */
    MirrorConfig bind() {
        int before = problems.size();
        Path dataDir = scalar("dataDir", true, Path::of);
        MirrorConfig.Mode mode = scalar("mode", true, t -> ValueParsers.enumValue(t, MirrorConfig.Mode.class));
        List<String> hosts = list("hosts", ValueParsers::hostPattern);
        if (values.get("hosts").value() instanceof List<?> raw && raw.isEmpty()) {
            problem("hosts", List.of(), "at least one host name or *.domain pattern");
        }
        ListenersConfig listeners = new ListenersConfig(listener("listeners.tls"), listener("listeners.proxy"),
                scalar("listeners.admin", true, ValueParsers::hostPort));
        CaConfig ca = new CaConfig(permittedDomains(hosts), bounded("ca.leafValidity", Duration.ofHours(1), MAX_LEAF_VALIDITY));
        UpstreamConfig upstream = new UpstreamConfig(
                list("upstream.overrides", ConfigBinder::override),
                scalar("upstream.extraCa", false, ConfigBinder::readableFile),
                scalar("upstream.egressProxy", false, t -> ValueParsers.httpUrl(t, false)),
                bounded("upstream.connectTimeout", Duration.ofMillis(1), Duration.ofHours(1)),
                bounded("upstream.readTimeout", Duration.ofMillis(1), Duration.ofDays(1)),
                (int) integer("upstream.maxRetries", 0, 10),
                scalar("upstream.unlistedHosts", false, ConfigBinder::unlisted));
        LimitsConfig limits = new LimitsConfig(
                (int) sizeIn("limits.maxInitialLineBytes", 256, 1 << 20),
                (int) sizeIn("limits.maxHeaderBytes", 1024, 1 << 20),
                sizeIn("limits.maxRequestBodyBytes", 1024, 1L << 30),
                bounded("limits.idleTimeout", Duration.ofSeconds(1), Duration.ofDays(1)),
                bounded("limits.clientReadTimeout", Duration.ofSeconds(1), Duration.ofHours(1)),
                (int) integer("limits.maxConnections", 1, 1_000_000));
        List<Integer> statuses = list("record.statuses", t -> (int) ValueParsers.integer(t, 100, 599));
        RewriteConfig rewrite = new RewriteConfig(
                scalar("rewrite.mode", true, t -> ValueParsers.enumValue(t, RewriteConfig.Mode.class)),
                scalar("rewrite.mirrorHost", true, ValueParsers::hostName),
                scalar("rewrite.publicUrl", false, t -> ValueParsers.httpUrl(t, true)));
        if (rewrite.mode() == RewriteConfig.Mode.BASE_URL && values.get("rewrite.publicUrl").value() == null) {
            problems.add("rewrite.publicUrl is unset (rewrite.mode is base-url from " + source("rewrite.mode")
                    + "): expected the mirror's own URL, e.g. https://mirror.example");
        }
        AdminConfig admin = new AdminConfig(scalar("admin.token", false, Function.identity()));
        LogConfig log = new LogConfig(scalar("log.accessLog", true, Function.identity()),
                scalar("log.level", true, ConfigBinder::level));
        checkDistinctListeners(listeners);
        if (problems.size() > before) {
            return null;
        }
        return new MirrorConfig(dataDir, mode, hosts, listeners, ca, upstream, limits,
                new RecordConfig(Set.copyOf(statuses)), rewrite, admin, log);
    }

    private <T> T scalar(String key, boolean required, Function<String, T> parser) {
        Object raw = values.get(key).value();
        if (raw == null) {
            if (required) {
                problems.add(key + " is unset (from " + source(key) + "): expected a value");
            }
            return null;
        }
        try {
            return parser.apply(raw.toString());
        } catch (IllegalArgumentException e) {
            problem(key, raw, e.getMessage());
            return null;
        }
    }

    private <T> List<T> list(String key, Function<String, T> parser) {
        Object raw = values.get(key).value();
        List<T> out = new ArrayList<>();
        List<?> items = raw instanceof List<?> l ? l : List.of();
        for (int i = 0; i < items.size(); i++) {
            String item = String.valueOf(items.get(i));
            try {
                T parsed = parser.apply(item);
                if (!out.contains(parsed)) {
                    out.add(parsed);
                }
            } catch (IllegalArgumentException e) {
                problems.add(key + "[" + i + "] = '" + item + "' (from " + source(key) + "): expected " + e.getMessage());
            }
        }
        return out;
    }

    private HostPort listener(String key) {
        Object raw = values.get(key).value();
        if (raw != null && raw.toString().trim().equalsIgnoreCase("off")) {
            return null; // the TLS or proxy listener is switched off
        }
        return scalar(key, true, t -> {
            try {
                return ValueParsers.hostPort(t);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + ", or off");
            }
        });
    }

    private Duration bounded(String key, Duration min, Duration max) {
        Duration d = scalar(key, true, ValueParsers::duration);
        if (d != null && (d.compareTo(min) < 0 || d.compareTo(max) > 0)) {
            problem(key, values.get(key).value(), "a duration from " + ValueParsers.durationText(min)
                    + " to " + ValueParsers.durationText(max));
            return null;
        }
        return d;
    }

    private long integer(String key, long min, long max) {
        Long v = scalar(key, true, t -> ValueParsers.integer(t, min, max));
        return v == null ? 0 : v;
    }

    private long sizeIn(String key, long min, long max) {
        Long v = scalar(key, true, ValueParsers::size);
        if (v != null && (v < min || v > max)) {
            problem(key, values.get(key).value(), "a size from " + ValueParsers.sizeText(min) + " to "
                    + ValueParsers.sizeText(max));
            return 0;
        }
        return v == null ? 0 : v;
    }

    /**
     * The CA's name constraints must cover every intercepted host, or leaves for it would be rejected by clients:
     * each host (a {@code *.} pattern by its domain) that no configured domain covers is added to the list.
     */
    private List<String> permittedDomains(List<String> hosts) {
        Set<String> domains = new LinkedHashSet<>(list("ca.permittedDomains", ValueParsers::hostName));
        for (String host : hosts == null ? List.<String>of() : hosts) {
            String name = host.startsWith("*.") ? host.substring(2) : host;
            boolean covered = domains.stream().anyMatch(d -> name.equals(d) || name.endsWith("." + d));
            if (!covered) {
                domains.add(name);
            }
        }
        return List.copyOf(domains);
    }

    private void checkDistinctListeners(ListenersConfig l) {
        List<String> keys = List.of("listeners.tls", "listeners.proxy", "listeners.admin");
        List<HostPort> addrs = new ArrayList<>();
        addrs.add(l.tls());
        addrs.add(l.proxy());
        addrs.add(l.admin());
        for (int i = 0; i < addrs.size(); i++) {
            for (int j = i + 1; j < addrs.size(); j++) {
                HostPort a = addrs.get(i);
                HostPort b = addrs.get(j);
                if (a != null && b != null && a.port() != 0 && a.equals(b)) {
                    problems.add(keys.get(j) + " = '" + b + "' (from " + source(keys.get(j)) + "): expected an address "
                            + "different from " + keys.get(i) + " (from " + source(keys.get(i)) + ")");
                }
            }
        }
    }

    private static UpstreamConfig.UpstreamOverride override(String text) {
        try {
            UpstreamConfig.UpstreamOverride o = UpstreamConfig.UpstreamOverride.parse(text);
            ValueParsers.hostPattern(o.pattern());
            return o;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HOST=ADDR:PORT, e.g. marketplace.visualstudio.com=127.0.0.1:9443");
        }
    }

    private static Path readableFile(String text) {
        Path p = Path.of(text);
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new IllegalArgumentException("a readable PEM file (it does not exist or cannot be read)");
        }
        return p;
    }

    private static UpstreamConfig.UnlistedHosts unlisted(String text) {
        if (text.trim().equalsIgnoreCase("by-mode")) {
            return null; // tunnel in record and fallback, refuse in replay
        }
        try {
            return ValueParsers.enumValue(text, UpstreamConfig.UnlistedHosts.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ", by-mode");
        }
    }

    private static String level(String text) {
        String l = text.trim().toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(l)) {
            throw new IllegalArgumentException("one of " + String.join(", ", LEVELS));
        }
        return l;
    }

    private void problem(String key, Object value, String expected) {
        problems.add(key + " = '" + value + "' (from " + source(key) + "): expected " + expected);
    }

    private String source(String key) {
        return values.get(key).source();
    }
}
