package dev.vscmirror.export;

import static dev.vscmirror.export.TestStores.record;
import static dev.vscmirror.export.TestStores.recordExtension;
import static dev.vscmirror.export.TestStores.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.Families;
import dev.vscmirror.store.IndexRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectAndWantsTest {
    private static final String COMMIT = "8795a9889db74563ddd43eb0a897a2384129a619";
    @TempDir
    Path tmp;

    @Test
    void inspectListsExtensionsBuildsUpdateAnswersAndOtherFiles() throws Exception {
        try (ContentStore store = ContentStore.open(tmp.resolve("a"))) {
            recordExtension(store, "ms-python", "python", "2024.1.0", 1000);
            record(store, "https://ms-python.gallery.vsassets.io/_apis/public/gallery/publisher/ms-python/extension/python/"
                    + "2024.1.0/assetbyname/Microsoft.VisualStudio.Services.VSIXPackage?redirect=true&targetPlatform=win32-x64",
                    TestStores.random(1, 2000), List.of());
            record(store, "https://update.code.visualstudio.com/api/update/darwin-arm64/stable/latest",
                    text("{\"url\":\"https://vscode.download.prss.microsoft.com/dbazure/download/stable/" + COMMIT
                            + "/VSCode-darwin-arm64.zip\",\"name\":\"1.140.0\",\"version\":\"" + COMMIT
                            + "\",\"productVersion\":\"1.140.0\"}"), List.of());
            record(store, "https://vscode.download.prss.microsoft.com/dbazure/download/stable/" + COMMIT + "/VSCode-darwin-arm64.zip",
                    TestStores.random(2, 5000), List.of());
            record(store, "https://main.vscode-cdn.net/extensions/marketplace.json", text("{}"), List.of());
        }
        Path bundle = tmp.resolve("bundle");
        assertEquals(0, Cli.run("export", "--data-dir", tmp.resolve("a").toString(), "--out", bundle.toString()).exit());
        Cli text = Cli.run("inspect", bundle.toString());
        assertEquals(0, text.exit(), text.all());
        assertTrue(text.out().contains("ms-python.python"), text.out());
        assertTrue(text.out().contains("VSCode-darwin-arm64.zip"), text.out());
        Cli json = Cli.run("inspect", bundle.toString(), "--json");
        assertEquals(0, json.exit(), json.all());
        JsonNode inv = new ObjectMapper().readTree(json.out());
        JsonNode ext = inv.path("extensions").get(0);
        assertEquals("ms-python.python", ext.path("id").asText());
        assertEquals("2024.1.0", ext.path("versions").get(0).path("version").asText());
        assertEquals("[\"universal\",\"win32-x64\"]", ext.path("versions").get(0).path("platforms").toString());
        assertEquals(5000, inv.path("builds").get(0).path("bytes").asLong());
        assertEquals("1.140.0", inv.path("updateAnswers").get(0).path("version").asText());
        assertEquals("main.vscode-cdn.net", inv.path("otherFiles").get(0).path("host").asText());
    }

    @Test
    void wantsWritesTheMissesAsJson() throws Exception {
        try (ContentStore store = ContentStore.open(tmp.resolve("offline"))) {
            store.write(List.of(new IndexRow(Families.MISSES, text("\u0001a"),
                            text("{\"kind\":\"extension\",\"what\":\"golang.go\",\"count\":3}")),
                    new IndexRow(Families.MISSES, text("\u0001b"), text("not json"))));
        }
        Path out = tmp.resolve("wants.json");
        Cli r = Cli.run("wants", "--data-dir", tmp.resolve("offline").toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.all());
        JsonNode wants = new ObjectMapper().readTree(Files.readString(out));
        assertEquals("vscmirror-wants", wants.path("format").asText());
        assertEquals("golang.go", wants.path("misses").get(0).path("what").asText());
        assertEquals("not json", wants.path("misses").get(1).asText());
    }
}
