package dev.vscmirror.export;

import static dev.vscmirror.export.TestStores.assertSameContent;
import static dev.vscmirror.export.TestStores.random;
import static dev.vscmirror.export.TestStores.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vscmirror.export.cli.ExportCommand;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.StoreVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An import killed with SIGKILL, and an import that runs out of disk: the store stays sound, a re-run completes. */
class InterruptedImportTest {
    private static final int MIB = 1 << 20;
    @TempDir
    Path tmp;

    private Path exportBundle(int blobs) {
        try (ContentStore store = ContentStore.open(tmp.resolve("a"))) {
            for (int i = 0; i < blobs; i++) {
                record(store, "https://pub.gallerycdn.vsassets.io/extensions/pub/ext" + i + "/1.0.0/1/"
                        + "Microsoft.VisualStudio.Services.VSIXPackage", random(i, MIB), List.of());
            }
        }
        Path bundle = tmp.resolve("bundle");
        Cli export = Cli.run("export", "--data-dir", tmp.resolve("a").toString(), "--out", bundle.toString());
        assertEquals(0, export.exit(), export.all());
        return bundle;
    }

    private static long committedBlobs(Path dataDir) throws IOException {
        Path blobs = dataDir.resolve("blobs");
        if (!Files.isDirectory(blobs)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(blobs)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getParent().getFileName().toString().equals("tmp")).count();
        }
    }

    @Test
    void importKilledWithSigkillCompletesWhenRunAgain() throws Exception {
        Path bundle = exportBundle(200);
        Path b = tmp.resolve("b");
        Process child = new ProcessBuilder(ChildJvm.command(ExportCommand.class.getName(), "import", bundle.toString(),
                "--data-dir", b.toString())).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (child.isAlive() && committedBlobs(b) < 5 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        boolean killedMidway = child.isAlive();
        child.destroyForcibly(); // SIGKILL
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertTrue(killedMidway, "the import finished before it could be killed: " + Files.readString(tmp.resolve("child.log")));
        assertTrue(committedBlobs(b) < 200, "the kill came after every blob was written");

        Cli again = Cli.run("import", bundle.toString(), "--data-dir", b.toString());
        assertEquals(0, again.exit(), again.all());
        assertSameContent(tmp.resolve("a"), b);
        try (ContentStore store = ContentStore.openReadOnly(b)) {
            assertTrue(StoreVerifier.verify(store, n -> { }).ok());
            assertEquals(200, store.stats().exchanges());
        }
    }

    /**
     * Disk full during import, on a real 8 MiB tmpfs mounted over the target's blobs directory in a private
     * mount namespace. Mounting needs root: the test runs only as root with {@code unshare} available.
     */
    @Test
    void diskFullDuringImportIsAClearErrorAndTheStoreStillVerifies() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/unshare")),
                "needs root and unshare to mount a small tmpfs");
        Path bundle = exportBundle(20);
        Path b = tmp.resolve("b");
        Files.createDirectories(b.resolve("blobs"));
        String script = "mount -t tmpfs -o size=8m tmpfs " + ChildJvm.shellQuote(List.of(b.resolve("blobs").toString()))
                + " || exit 99\n"
                + ChildJvm.shellQuote(ChildJvm.command(ExportCommand.class.getName(), "import", bundle.toString(), "--data-dir",
                        b.toString())) + "\necho import-exit=$?\n"
                + ChildJvm.shellQuote(ChildJvm.command("dev.vscmirror.cli.VscMirrorCommand", "store", "verify", "--data-dir",
                        b.toString())) + "\necho verify-exit=$?\n";
        Process p = new ProcessBuilder("/usr/bin/unshare", "-m", "sh", "-c", script).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertTrue(output.contains("import-exit=1"), output);
        assertTrue(output.contains("No space left on device"), output);
        assertTrue(output.contains("verify-exit=0"), output);
    }
}
