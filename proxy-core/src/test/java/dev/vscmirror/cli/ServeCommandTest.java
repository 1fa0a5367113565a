package dev.vscmirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vscmirror.store.ContentStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
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
    void helpListsTheConfigurationFlags() {
        assertEquals(0, run("serve", "--help"), err.toString());
        for (String flag : new String[] {"--mode", "--tls-listen", "--proxy-listen", "--upstream-override",
            "--data-dir"}) {
            assertTrue(out.toString().contains(flag), flag + " missing in:\n" + out);
        }
    }

    @Test
    void badConfigurationExitsWith2() {
        assertEquals(2, run("serve", "--mode", "sideways", "--data-dir", dir.toString()));
        assertTrue(err.toString().contains("mode"), err.toString());
    }

    @Test
    void aStoreHeldByAnotherProcessFailsTheStartWith1AndSaysSo() {
        try (ContentStore held = ContentStore.open(dir)) {
            int rc = run("serve", "--data-dir", dir.toString(), "--tls-listen", "127.0.0.1:0", "--proxy-listen",
                    "127.0.0.1:0", "--admin-listen", "127.0.0.1:0", "--access-log", "off");
            assertEquals(1, rc, err.toString());
            assertTrue(err.toString().startsWith("vscmirror serve: "), err.toString());
        }
    }
}
