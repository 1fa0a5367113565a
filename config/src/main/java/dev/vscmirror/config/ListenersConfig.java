package dev.vscmirror.config;

/**
 * Where the mirror listens. Defaults are loopback ports that need no root: TLS {@code 127.0.0.1:8443},
 * forward proxy {@code 127.0.0.1:8080}, admin {@code 127.0.0.1:9090}.
 *
 * @param tls   the TLS listener (DNS takeover; production 443); null disables it
 * @param proxy the forward-proxy listener (CONNECT and absolute-URI HTTP); null disables it
 * @param admin the admin listener (health, metrics, status, API); never null
 */
public record ListenersConfig(HostPort tls, HostPort proxy, HostPort admin) {}
