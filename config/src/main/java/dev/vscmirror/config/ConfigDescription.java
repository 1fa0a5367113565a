package dev.vscmirror.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Renders a {@link MirrorConfig} as key path → value text, in the notation the loader reads back. */
public final class ConfigDescription {
    private ConfigDescription() {}

    /**
     * Every key in documentation order; values are a String, a List of Strings, or null (unset).
     * The admin token is masked.
     */
    public static Map<String, Object> describe(MirrorConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataDir", c.dataDir().toString());
        m.put("mode", ValueParsers.enumText(c.mode()));
        m.put("hosts", c.hosts());
        m.put("listeners.tls", listener(c.listeners().tls()));
        m.put("listeners.proxy", listener(c.listeners().proxy()));
        m.put("listeners.admin", c.listeners().admin().toString());
        m.put("ca.permittedDomains", c.ca().permittedDomains());
        m.put("ca.leafValidity", ValueParsers.durationText(c.ca().leafValidity()));
        UpstreamConfig u = c.upstream();
        m.put("upstream.overrides", u.overrides().stream().map(Object::toString).toList());
        m.put("upstream.extraCa", text(u.extraCa()));
        m.put("upstream.egressProxy", text(u.egressProxy()));
        m.put("upstream.connectTimeout", ValueParsers.durationText(u.connectTimeout()));
        m.put("upstream.readTimeout", ValueParsers.durationText(u.readTimeout()));
        m.put("upstream.maxRetries", Integer.toString(u.maxRetries()));
        m.put("upstream.unlistedHosts", u.unlistedHosts() == null ? "by-mode" : ValueParsers.enumText(u.unlistedHosts()));
        LimitsConfig l = c.limits();
        m.put("limits.maxInitialLineBytes", ValueParsers.sizeText(l.maxInitialLineBytes()));
        m.put("limits.maxHeaderBytes", ValueParsers.sizeText(l.maxHeaderBytes()));
        m.put("limits.maxRequestBodyBytes", ValueParsers.sizeText(l.maxRequestBodyBytes()));
        m.put("limits.idleTimeout", ValueParsers.durationText(l.idleTimeout()));
        m.put("limits.clientReadTimeout", ValueParsers.durationText(l.clientReadTimeout()));
        m.put("limits.maxConnections", Integer.toString(l.maxConnections()));
        m.put("record.statuses", c.record().statuses().stream().sorted().map(String::valueOf).toList());
        m.put("rewrite.mode", ValueParsers.enumText(c.rewrite().mode()));
        m.put("rewrite.mirrorHost", c.rewrite().mirrorHost());
        m.put("rewrite.publicUrl", text(c.rewrite().publicUrl()));
        m.put("admin.token", c.admin().token() == null ? null : "***");
        m.put("log.accessLog", c.log().accessLog());
        m.put("log.level", c.log().level());
        return m;
    }

    /** A value as one line: lists joined with commas, unset as {@code (unset)}. */
    public static String line(Object value) {
        if (value == null) {
            return "(unset)";
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "(empty)" : String.join(", ", list.stream().map(String::valueOf).toList());
        }
        return value.toString();
    }

    private static String listener(HostPort hp) {
        return hp == null ? "off" : hp.toString();
    }

    private static String text(Object o) {
        return o == null ? null : Objects.toString(o);
    }
}
