package dev.vscmirror.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the mirror reaches upstream.
 *
 * @param overrides      host (or {@code *.domain}) to address replacements of DNS, first match wins
 * @param extraCa        a PEM file of extra trusted CAs for upstream certificates, or null
 * @param egressProxy    an HTTP proxy ({@code http://[user:pass@]host:port}) used with CONNECT, or null
 * @param connectTimeout connect timeout
 * @param readTimeout    timeout between two reads of an upstream answer
 * @param maxRetries     retries of an idempotent request on connect failure, 429 or 503
 * @param unlistedHosts  what the forward proxy does with CONNECT to a host outside the list; null means by mode
 *                       (tunnel in record and fallback, refuse in replay)
 */
public record UpstreamConfig(
        List<UpstreamOverride> overrides,
        Path extraCa,
        URI egressProxy,
        Duration connectTimeout,
        Duration readTimeout,
        int maxRetries,
        UnlistedHosts unlistedHosts) {

    public UpstreamConfig {
        overrides = List.copyOf(overrides);
    }

    /** What to do with a CONNECT to a host the mirror does not intercept. */
    public enum UnlistedHosts { TUNNEL, REFUSE }

    /** {@code pattern=address}: {@code pattern} is an exact host or {@code *.domain}. */
    public record UpstreamOverride(String pattern, HostPort address) {
        /** Parses {@code HOST=ADDR:PORT}. */
        public static UpstreamOverride parse(String text) {
            int eq = text.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("upstream override: '" + text + "' (expected: HOST=ADDR:PORT)");
            }
            return new UpstreamOverride(text.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT),
                    HostPort.parse(text.substring(eq + 1).trim()));
        }

        /** True when {@code host} is this pattern or, for {@code *.domain}, a name under the domain. */
        public boolean matches(String host) {
            String h = host.toLowerCase(java.util.Locale.ROOT);
            if (pattern.startsWith("*.")) {
                return h.endsWith(pattern.substring(1));
            }
            return h.equals(pattern);
        }

        @Override
        public String toString() {
            return pattern + "=" + address;
        }
    }
}
