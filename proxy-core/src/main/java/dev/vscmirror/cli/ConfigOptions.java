package dev.vscmirror.cli;

import dev.vscmirror.config.ConfigException;
import dev.vscmirror.config.ConfigLoader;
import dev.vscmirror.config.LoadedConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The configuration flags shared by every command that needs the configuration ({@code @Mixin ConfigOptions}).
 * {@link #load()} applies defaults, the {@code --config} file (or {@code $VSCMIRROR_CONFIG}), the
 * {@code VSCMIRROR_*} environment and these flags, in that order.
 */
public final class ConfigOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML or JSON configuration file (default: $VSCMIRROR_CONFIG; none needed).")
    Path configFile;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory (default: $XDG_DATA_HOME/vscmirror, else ~/.local/share/vscmirror).")
    String dataDir;

    @Option(names = "--mode", paramLabel = "MODE", description = "record, replay or fallback (default: record).")
    String mode;

    @Option(names = "--tls-listen", paramLabel = "HOST:PORT", description = "TLS listener, or off (default: 127.0.0.1:8443).")
    String tlsListen;

    @Option(names = "--proxy-listen", paramLabel = "HOST:PORT", description = "Forward-proxy listener, or off (default: 127.0.0.1:8080).")
    String proxyListen;

    @Option(names = "--admin-listen", paramLabel = "HOST:PORT", description = "Admin listener (default: 127.0.0.1:9090).")
    String adminListen;

    @Option(names = "--host", paramLabel = "PATTERN",
            description = "Also intercept this host name or *.domain pattern (repeatable; adds to the list).")
    List<String> hosts;

    @Option(names = "--upstream-override", paramLabel = "HOST=ADDR:PORT",
            description = "Connect to ADDR:PORT for HOST when recording (repeatable; wins over the file's overrides).")
    List<String> upstreamOverrides;

    @Option(names = "--upstream-ca", paramLabel = "FILE", description = "Extra trusted CAs (PEM) for upstream TLS.")
    String upstreamCa;

    @Option(names = "--egress-proxy", paramLabel = "URL", description = "Reach upstream through this HTTP proxy.")
    String egressProxy;

    @Option(names = "--rewrite", paramLabel = "MODE", description = "URL rewriting: none, mirror-hosts or base-url.")
    String rewrite;

    @Option(names = "--public-url", paramLabel = "URL", description = "The mirror's own URL (with --rewrite base-url).")
    String publicUrl;

    @Option(names = "--access-log", paramLabel = "TARGET", description = "stdout, off, or a file path.")
    String accessLog;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "error, warn, info, debug or trace.")
    String logLevel;

    /**
     * Loads and validates the effective configuration. On problems it prints one line per problem to stderr and
     * throws a {@link CommandLine.ParameterException} (whose cause is the {@link ConfigException}); the root
     * command turns that into exit code 2 without repeating the message.
     */
    public LoadedConfig load() {
        return load(System.getenv());
    }

    LoadedConfig load(Map<String, String> env) {
        Path file = configFile;
        if (file == null && env.get(ConfigLoader.CONFIG_FILE_ENV) != null && !env.get(ConfigLoader.CONFIG_FILE_ENV).isBlank()) {
            file = Path.of(env.get(ConfigLoader.CONFIG_FILE_ENV));
        }
        try {
            return ConfigLoader.load(file, env, flagValues());
        } catch (ConfigException e) {
            PrintWriter err = mixee.commandLine().getErr();
            err.println(mixee.qualifiedName() + ": " + e.getMessage());
            err.flush();
            throw new CommandLine.ParameterException(mixee.commandLine(), e.getMessage(), e);
        }
    }

    /** The flags given, by configuration key path. */
    Map<String, String> flagValues() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "dataDir", dataDir);
        put(m, "mode", mode);
        put(m, "listeners.tls", tlsListen);
        put(m, "listeners.proxy", proxyListen);
        put(m, "listeners.admin", adminListen);
        put(m, "hosts", hosts == null ? null : String.join(",", hosts));
        put(m, "upstream.overrides", upstreamOverrides == null ? null : String.join(",", upstreamOverrides));
        put(m, "upstream.extraCa", upstreamCa);
        put(m, "upstream.egressProxy", egressProxy);
        put(m, "rewrite.mode", rewrite);
        put(m, "rewrite.publicUrl", publicUrl);
        put(m, "log.accessLog", accessLog);
        put(m, "log.level", logLevel);
        return m;
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
