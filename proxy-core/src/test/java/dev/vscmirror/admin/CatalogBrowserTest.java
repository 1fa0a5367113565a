package dev.vscmirror.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vscmirror.catalog.ExtensionCatalog;
import dev.vscmirror.catalog.GalleryRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogBrowserTest {
    // A recorded extensionquery answer (protocol §2.4), reduced to the fields the browser shows.
    private static final String ANSWER = """
            {"results":[{"extensions":[
              {"publisher":{"publisherName":"somepub","displayName":"Some Publisher"},"extensionName":"hello",
               "extensionId":"00000001-0000-4000-8000-000000000001","displayName":"Hello World",
               "shortDescription":"Says hello","flags":"validated, public","lastUpdated":"2026-11-20T10:00:00.000Z",
               "versions":[
                 {"version":"1.1.0","lastUpdated":"2026-11-20T10:00:00.000Z","flags":"validated"},
                 {"version":"1.0.0","lastUpdated":"2026-10-20T10:00:00.000Z","flags":"validated"}]},
              {"publisher":{"publisherName":"ms-python","displayName":"Microsoft"},"extensionName":"python",
               "extensionId":"00000002-0000-4000-8000-000000000002","displayName":"Python",
               "shortDescription":"Python language support","flags":"validated, public",
               "lastUpdated":"2026-11-20T10:00:00.000Z",
               "versions":[
                 {"version":"2026.1.0","targetPlatform":"linux-x64","lastUpdated":"2026-11-20T10:00:00.000Z",
                  "flags":"validated"},
                 {"version":"2026.1.0","targetPlatform":"win32-x64","lastUpdated":"2026-11-20T10:00:00.000Z",
                  "flags":"validated"}]}
            ]}]}
            """;

    @Test
    void searchesDetailsAndCountsComeFromTheCatalogSnapshot(@TempDir Path dir) throws Exception {
        ExtensionCatalog catalog = new ExtensionCatalog();
        GalleryRows.fromQueryAnswer(new ObjectMapper().readTree(ANSWER), Instant.parse("2026-12-01T00:00:00Z"),
                catalog.sink());
        Path vsix = Files.write(dir.resolve("python-linux.vsix"), new byte[4321]);
        CatalogBrowser browser = new CatalogBrowser(catalog::index, (publisher, name, version, platform) ->
                publisher.equals("ms-python") && "linux-x64".equals(platform)
                        ? Optional.of(new VsixFile(vsix, null)) : Optional.empty());

        assertEquals(2, browser.extensions("", 1, 10).total());
        ExtensionPage page = browser.extensions("  PYTHON language ", 1, 10);
        assertEquals(1, page.total());
        assertEquals("python", page.items().get(0).name());
        assertEquals("2026.1.0", page.items().get(0).latestVersion());
        assertEquals(0, browser.extensions("hello nothere", 1, 10).total(), "every word must match");
        assertEquals(List.of(), browser.extensions("", 3, 10).items(), "a page past the end is empty");

        ExtensionDetails python = browser.extension("MS-Python", "Python").orElseThrow();
        assertEquals(2, python.versions().size());
        ExtensionVersion linux = python.versions().stream()
                .filter(v -> "linux-x64".equals(v.targetPlatform())).findFirst().orElseThrow();
        assertEquals(4321, linux.vsixBytes());
        ExtensionVersion win = python.versions().stream()
                .filter(v -> "win32-x64".equals(v.targetPlatform())).findFirst().orElseThrow();
        assertEquals(-1, win.vsixBytes(), "no VSIX recorded: no size, no link");
        ExtensionDetails hello = browser.extension("somepub", "hello").orElseThrow();
        assertEquals("1.1.0", hello.versions().get(0).version());
        assertNull(hello.versions().get(0).targetPlatform());
        assertEquals(Instant.parse("2026-11-20T10:00:00Z"), hello.versions().get(0).lastUpdated());
        assertTrue(browser.extension("nobody", "nothing").isEmpty());

        CatalogSummary summary = browser.summary(7);
        assertEquals(new CatalogSummary(2, 4, 2, 7), summary);
    }
}
