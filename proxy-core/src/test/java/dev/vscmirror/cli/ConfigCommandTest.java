package dev.vscmirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import dev.vscmirror.config.LoadedConfig;
import dev.vscmirror.config.MirrorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = VscMirrorCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void showPrintsValuesWithTheirSources() throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "mode: replay\n");
        int rc = run("config", "show", "--config", file.toString(), "--tls-listen", "127.0.0.1:9443",
                "--data-dir", dir.toString());
        assertEquals(0, rc, err.toString());
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("mode ") && l.contains("replay")
                && l.endsWith("[file:" + file + "]")), out.toString());
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("listeners.tls ") && l.contains("127.0.0.1:9443")
                && l.endsWith("[flag:--tls-listen]")), out.toString());
    }

    @Test
    void showJsonIsParseable() throws Exception {
        int rc = run("config", "show", "--json", "--data-dir", dir.toString(), "--host", "extra.example.org");
        assertEquals(0, rc, err.toString());
        JsonNode tree = new ObjectMapper().readTree(out.toString());
        assertEquals(dir.toString(), tree.get("dataDir").get("value").asText());
        assertEquals("flag:--data-dir", tree.get("dataDir").get("source").asText());
        assertTrue(tree.get("hosts").get("value").toString().contains("extra.example.org"));
        assertEquals("default", tree.get("log.level").get("source").asText());
    }

    @Test
    void badConfigurationExitsTwoWithOneLinePerProblem() {
        int rc = run("config", "show", "--mode", "recrod", "--admin-listen", "nowhere");
        assertEquals(2, rc);
        assertTrue(err.toString().contains("mode = 'recrod' (from flag:--mode): expected one of record, replay, fallback"),
                err.toString());
        assertTrue(err.toString().contains("listeners.admin = 'nowhere' (from flag:--admin-listen)"), err.toString());
        assertEquals(1, err.toString().split("invalid configuration", -1).length - 1, "printed once: " + err);
    }

    @Test
    void configFileComesFromTheEnvironmentWhenNoFlagNamesOne() throws Exception {
        Path file = dir.resolve("env.yaml");
        Files.writeString(file, "mode: fallback\n");
        ConfigCommand.Show show = new ConfigCommand.Show();
        new CommandLine(show).parseArgs("--data-dir", dir.toString());
        LoadedConfig loaded = show.options.load(Map.of("VSCMIRROR_CONFIG", file.toString(), "HOME", "/h"));
        assertEquals(MirrorConfig.Mode.FALLBACK, loaded.config().mode());
        assertEquals("file:" + file, loaded.sources().get("mode"));
        assertEquals("flag:--data-dir", loaded.sources().get("dataDir"));
    }

    @Test
    void unknownSubcommandIsBadUsage() {
        assertEquals(2, run("config", "shw"));
        assertTrue(err.toString().contains("config show"), err.toString());
    }

    @Test
    void helpExitsZero() {
        assertEquals(0, run("config", "show", "--help"));
        assertTrue(out.toString().contains("--json"));
    }
}
