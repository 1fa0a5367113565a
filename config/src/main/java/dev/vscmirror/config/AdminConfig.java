package dev.vscmirror.config;

/**
 * The admin listener's access control.
 *
 * @param token bearer token required for mutating calls when the admin listener is not on loopback; null if unset
 */
public record AdminConfig(String token) {
    @Override
    public String toString() {
        return "AdminConfig[token=" + (token == null ? "unset" : "***") + "]";
    }
}
