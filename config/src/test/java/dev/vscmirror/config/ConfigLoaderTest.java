package dev.vscmirror.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final Map<String, String> ENV = Map.of("HOME", "/home/u");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void defaultsNeedNoFile() {
        LoadedConfig loaded = ConfigLoader.load(null, ENV, Map.of());
        MirrorConfig c = loaded.config();
        assertEquals(Path.of("/home/u/.local/share/vscmirror"), c.dataDir());
        assertEquals(MirrorConfig.Mode.RECORD, c.mode());
        assertEquals(HostPort.parse("127.0.0.1:8443"), c.listeners().tls());
        assertEquals(HostPort.parse("127.0.0.1:8080"), c.listeners().proxy());
        assertEquals(HostPort.parse("127.0.0.1:9090"), c.listeners().admin());
        assertEquals(ConfigKeys.DEFAULT_HOSTS, c.hosts());
        assertEquals(Set.of(200, 204, 301, 302, 307, 308, 404), c.record().statuses());
        assertEquals(8192, c.limits().maxInitialLineBytes());
        assertEquals(16384, c.limits().maxHeaderBytes());
        assertEquals(1 << 20, c.limits().maxRequestBodyBytes());
        assertEquals(Duration.ofSeconds(120), c.limits().idleTimeout());
        assertEquals(Duration.ofSeconds(30), c.limits().clientReadTimeout());
        assertEquals(10000, c.limits().maxConnections());
        assertEquals(Duration.ofSeconds(10), c.upstream().connectTimeout());
        assertEquals(Duration.ofSeconds(60), c.upstream().readTimeout());
        assertEquals(3, c.upstream().maxRetries());
        assertNull(c.upstream().unlistedHosts());
        assertEquals(RewriteConfig.Mode.NONE, c.rewrite().mode());
        assertEquals("marketplace.visualstudio.com", c.rewrite().mirrorHost());
        assertEquals("stdout", c.log().accessLog());
        assertEquals("info", c.log().level());
        assertTrue(loaded.sources().values().stream().allMatch("default"::equals));
        assertEquals(ConfigKeys.all().size(), loaded.sources().size());
    }

    @Test
    void xdgDataHomePicksTheDataDir() {
        MirrorConfig c = ConfigLoader.load(null, Map.of("HOME", "/home/u", "XDG_DATA_HOME", "/xdg"), Map.of()).config();
        assertEquals(Path.of("/xdg/vscmirror"), c.dataDir());
    }

    @Test
    void permittedDomainsCoverEveryHost() {
        MirrorConfig c = ConfigLoader.load(null, ENV, Map.of("hosts", "mirror.example.org")).config();
        // mobile.events.data.microsoft.com is a default host that no default domain covers
        assertTrue(c.ca().permittedDomains().containsAll(ConfigKeys.DEFAULT_PERMITTED_DOMAINS));
        assertTrue(c.ca().permittedDomains().contains("mobile.events.data.microsoft.com"));
        assertTrue(c.ca().permittedDomains().contains("mirror.example.org"));
        assertTrue(c.hosts().contains("mirror.example.org"), "--host adds to the list");
        assertTrue(c.hosts().contains("marketplace.visualstudio.com"));
    }

    @Test
    void flagsBeatEnvBeatFileBeatDefaults() throws Exception {
        Path file = write("c.yaml", "mode: replay\nlisteners:\n  tls: 127.0.0.1:1001\n  proxy: 127.0.0.1:1002\n"
                + "limits:\n  idleTimeout: 2m\n");
        Map<String, String> env = Map.of("HOME", "/h", "VSCMIRROR_LISTENERS_TLS", "127.0.0.1:2001",
                "VSCMIRROR_LIMITS_IDLE_TIMEOUT", "3m");
        LoadedConfig loaded = ConfigLoader.load(file, env, Map.of("limits.idleTimeout", "4m"));
        MirrorConfig c = loaded.config();
        assertEquals(MirrorConfig.Mode.REPLAY, c.mode());
        assertEquals("file:" + file, loaded.sources().get("mode"));
        assertEquals(HostPort.parse("127.0.0.1:1002"), c.listeners().proxy());
        assertEquals(HostPort.parse("127.0.0.1:2001"), c.listeners().tls());
        assertEquals("env:VSCMIRROR_LISTENERS_TLS", loaded.sources().get("listeners.tls"));
        assertEquals(Duration.ofMinutes(4), c.limits().idleTimeout());
        assertEquals("flag:--limits.idleTimeout", loaded.sources().get("limits.idleTimeout"));
        assertEquals("default", loaded.sources().get("log.level"));
    }

    @Test
    void jsonFileIsRead() throws Exception {
        Path file = write("c.json", "{\"mode\": \"fallback\", \"upstream\": {\"maxRetries\": 5, "
                + "\"overrides\": [\"marketplace.visualstudio.com=127.0.0.1:9443\"]}}");
        MirrorConfig c = ConfigLoader.load(file, ENV, Map.of()).config();
        assertEquals(MirrorConfig.Mode.FALLBACK, c.mode());
        assertEquals(5, c.upstream().maxRetries());
        assertEquals(HostPort.parse("127.0.0.1:9443"), c.upstream().overrides().get(0).address());
    }

    @Test
    void upstreamOverrideFlagsComeFirstSoTheyWin() throws Exception {
        Path file = write("c.yaml", "upstream:\n  overrides: ['*.vsassets.io=127.0.0.1:1']\n");
        MirrorConfig c = ConfigLoader.load(file, ENV, Map.of("upstream.overrides", "*.vsassets.io=127.0.0.1:2")).config();
        assertEquals(2, c.upstream().overrides().size());
        assertEquals(2, c.upstream().overrides().get(0).address().port());
    }

    @Test
    void unknownFileKeySuggestsTheClosestName() throws Exception {
        Path file = write("c.yaml", "listeners:\n  tsl: 127.0.0.1:1\nmod: replay\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, ENV, Map.of()));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains("unknown key 'listeners.tsl'"), e.getMessage());
        assertTrue(e.problems().get(0).contains("did you mean 'listeners.tls'?"), e.getMessage());
        assertTrue(e.problems().get(1).contains("did you mean 'mode'?"), e.getMessage());
    }

    @Test
    void unknownEnvironmentVariableIsAnError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(null, Map.of("VSCMIRROR_DATADIR", "/x"), Map.of()));
        assertTrue(e.problems().get(0).contains("VSCMIRROR_DATADIR"), e.getMessage());
        assertTrue(e.problems().get(0).contains("did you mean 'VSCMIRROR_DATA_DIR'?"), e.getMessage());
    }

    @Test
    void unknownVariableInAConfigSectionIsAnError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(null, Map.of("HOME", "/h", "VSCMIRROR_UPSTREAM_CONNECTTIMEOUT_MS", "5"), Map.of()));
        assertTrue(e.problems().get(0).startsWith("unknown environment variable VSCMIRROR_UPSTREAM_CONNECTTIMEOUT_MS"),
                e.getMessage());
    }

    @Test
    void otherToolsVariablesWithThePrefixAreLeftAlone() {
        LoadedConfig loaded = ConfigLoader.load(null, Map.of("HOME", "/h", "VSCMIRROR_EXPORT_DIR", "/x",
                "VSCMIRROR_ACCEPTANCE_NS", "1", "VSCMIRROR_CONFIG", "/nonexistent.yaml"), Map.of());
        assertTrue(loaded.sources().values().stream().allMatch("default"::equals));
    }

    @Test
    void everyBadValueIsReportedWithKeyValueSourceAndExpectation() throws Exception {
        Path file = write("c.yaml", "mode: recrod\nlimits:\n  idleTimeout: soon\n  maxRequestBodyBytes: 1XB\n"
                + "hosts: ['bad host']\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file,
                Map.of("HOME", "/h", "VSCMIRROR_LISTENERS_ADMIN", "nowhere"), Map.of("upstream.maxRetries", "-1")));
        List<String> p = e.problems();
        assertEquals(6, p.size(), e.getMessage());
        assertTrue(p.contains("mode = 'recrod' (from file:" + file + "): expected one of record, replay, fallback"), e.getMessage());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("hosts[0] = 'bad host'") && s.contains("*.domain")), e.getMessage());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("limits.idleTimeout = 'soon'") && s.contains("30s")), e.getMessage());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("limits.maxRequestBodyBytes = '1XB'") && s.contains("1MiB")), e.getMessage());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("listeners.admin = 'nowhere' (from env:VSCMIRROR_LISTENERS_ADMIN)")
                && s.contains("HOST:PORT")), e.getMessage());
        assertTrue(p.contains("upstream.maxRetries = '-1' (from flag:--upstream.maxRetries): expected a whole number from 0 to 10"),
                e.getMessage());
    }

    @Test
    void crossFieldRulesAreChecked() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, ENV,
                Map.of("rewrite.mode", "base-url", "listeners.proxy", "127.0.0.1:8443", "ca.leafValidity", "400d")));
        assertTrue(e.problems().stream().anyMatch(s -> s.startsWith("rewrite.publicUrl is unset")), e.getMessage());
        assertTrue(e.problems().stream().anyMatch(s -> s.startsWith("listeners.proxy = '127.0.0.1:8443'")
                && s.contains("different from listeners.tls")), e.getMessage());
        assertTrue(e.problems().stream().anyMatch(s -> s.startsWith("ca.leafValidity = '400d'")
                && s.contains("to 397d")), e.getMessage());
    }

    @Test
    void unitsAndOffAreUnderstood() {
        MirrorConfig c = ConfigLoader.load(null, ENV, Map.of("limits.maxRequestBodyBytes", "2MiB",
                "upstream.connectTimeout", "500ms", "listeners.proxy", "off", "rewrite.mode", "mirror-hosts",
                "mode", "REPLAY")).config();
        assertEquals(2L << 20, c.limits().maxRequestBodyBytes());
        assertEquals(Duration.ofMillis(500), c.upstream().connectTimeout());
        assertNull(c.listeners().proxy());
        assertEquals(RewriteConfig.Mode.MIRROR_HOSTS, c.rewrite().mode());
        assertEquals(MirrorConfig.Mode.REPLAY, c.mode());
    }

    @Test
    void idnaHostsAreStoredInAsciiForm() {
        MirrorConfig c = ConfigLoader.load(null, ENV, Map.of("hosts", "*.BÜcher.example")).config();
        assertTrue(c.hosts().contains("*.xn--bcher-kva.example"), c.hosts().toString());
    }

    @Test
    void invalidYamlNamesTheFileAndLine() throws Exception {
        Path file = write("c.yaml", "mode: [\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, ENV, Map.of()));
        assertTrue(e.problems().get(0).startsWith("config file " + file + " is not valid YAML"), e.getMessage());
    }

    @Test
    void missingFileAndDuplicateKeysAreReported() throws Exception {
        Path missing = dir.resolve("nope.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing, ENV, Map.of()));
        assertEquals("config file " + missing + " does not exist (expected: a readable YAML or JSON file)", e.problems().get(0));
        Path dup = write("dup.yaml", "mode: record\nmode: replay\n");
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dup, ENV, Map.of()));
        assertTrue(e.problems().get(0).contains("Duplicate field 'mode'"), e.getMessage());
    }

    @Test
    void shippedExampleEqualsTheDefaults() {
        Path example = Path.of("vscmirror.example.yaml");
        assertTrue(Files.isRegularFile(example), "config/vscmirror.example.yaml is shipped");
        LoadedConfig fromExample = ConfigLoader.load(example, ENV, Map.of());
        assertEquals(ConfigLoader.load(null, ENV, Map.of()).config(), fromExample.config());
        assertEquals("file:" + example, fromExample.sources().get("listeners.tls"));
    }

    @Test
    void describedValuesLoadBackToTheSameConfig() {
        MirrorConfig c = ConfigLoader.load(null, ENV, Map.of("limits.idleTimeout", "90s", "upstream.unlistedHosts", "refuse")).config();
        Map<String, String> flags = new java.util.HashMap<>();
        ConfigDescription.describe(c).forEach((k, v) -> {
            if (v != null && !k.equals("admin.token") && !k.equals("hosts") && !k.equals("upstream.overrides")) {
                flags.put(k, ConfigDescription.line(v).replace(", ", ","));
            }
        });
        assertEquals(c, ConfigLoader.load(null, ENV, flags).config());
    }
}
