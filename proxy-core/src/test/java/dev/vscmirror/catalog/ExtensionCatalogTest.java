package dev.vscmirror.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deriving the catalog from recorded answers (issue 4: newer records replace older ones, versions accumulate). */
class ExtensionCatalogTest {

    @Test
    void everyExtensionOfARecordedAnswerIsIndexed() {
        ExtensionCatalog catalog = new ExtensionCatalog();
        int count = GalleryRows.fromQueryAnswer(CatalogFixtures.json(CatalogFixtures.resource("query-search-950.json")),
                CatalogFixtures.T1, catalog.sink());
        assertEquals(12, count);
        assertEquals(12, catalog.index().size());
        ExtensionEntry python = catalog.index().byId("MS-PYTHON.python");
        assertEquals("Python", python.displayName());
        assertEquals(150_000_000.0, python.stats().installs());
        assertEquals(List.of("python", "linters", "debuggers", "__web_extension"), python.tags());
    }

    @Test
    void versionsAccumulateAcrossAnswersAndPreReleasesAreMarked() {
        ExtensionCatalog catalog = CatalogFixtures.full();
        List<VersionEntry> gitlens = catalog.index().byId("eamodio.gitlens").versions();
        assertEquals(List.of("2024.6.504", "15.1.0"), gitlens.stream().map(VersionEntry::version).toList());
        assertTrue(gitlens.get(0).preRelease());
        assertFalse(gitlens.get(1).preRelease());
        assertEquals(8, catalog.index().byId("ms-vscode.cpptools").versions().size());
        assertNull(gitlens.get(1).targetPlatform());
    }

    @Test
    void aNewerRecordReplacesTheOlderOneAndAnOlderOneDoesNot() {
        ExtensionCatalog catalog = CatalogFixtures.full();
        ObjectNode go = (ObjectNode) CatalogFixtures.json(CatalogFixtures.resource("query-search-950.json"))
                .path("results").path(0).path("extensions").path(5).deepCopy();
        go.put("displayName", "Go (newer)");
        GalleryRows.fromExtension(go, Instant.parse("2024-07-01T00:00:00Z"), catalog.sink());
        assertEquals("Go (newer)", catalog.index().byId("golang.go").displayName());
        go.put("displayName", "Go (older)");
        GalleryRows.fromExtension(go, Instant.parse("2020-01-01T00:00:00Z"), catalog.sink());
        assertEquals("Go (newer)", catalog.index().byId("golang.go").displayName());
    }

    @Test
    void anAnswerWithFewerFlagsKeepsTheGroupsItDoesNotCarry() {
        ExtensionCatalog catalog = CatalogFixtures.full();
        ObjectNode bare = (ObjectNode) CatalogFixtures.json(CatalogFixtures.resource("query-search-950.json"))
                .path("results").path(0).path("extensions").path(5).deepCopy();
        bare.remove(List.of("versions", "statistics", "categories", "tags"));
        GalleryRows.fromExtension(bare, Instant.parse("2024-07-01T00:00:00Z"), catalog.sink());
        ExtensionEntry go = catalog.index().byId("golang.go");
        assertEquals(12_000_000.0, go.stats().installs());
        assertEquals(1, go.versions().size());
        assertEquals(List.of("go", "golang"), go.tags());
    }

    @Test
    void aDamagedRowLeavesOnlyItsExtensionOut() {
        ExtensionCatalog catalog = CatalogFixtures.full();
        catalog.apply(CatalogRows.extensionKey("broken.thing", "core"),
                "{\"recordedAt\":1,\"data\":{\"publisher\":}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertNull(catalog.index().byId("broken.thing"));
        assertEquals(12, catalog.index().size());
    }

    @Test
    void versionOrderComparesNumericallyAndPutsPreReleaseSuffixesFirst() {
        VersionOrder o = VersionOrder.ASCENDING;
        assertTrue(o.compare("1.10.0", "1.9.9") > 0);
        assertTrue(o.compare("2024.6.504", "15.1.0") > 0);
        assertTrue(o.compare("1.0.0-beta", "1.0.0") < 0);
        assertEquals(0, o.compare("1.0", "1.0.0"));
    }

    @Test
    void keysRoundTripTheirLengthPrefixedParts() {
        byte[] key = CatalogKeys.key(CatalogKeys.VERSION, "ms-python.python", "2024.1.0", "", "files");
        assertEquals(List.of("ms-python.python", "2024.1.0", "", "files"), CatalogKeys.parts(key));
        assertEquals(CatalogKeys.VERSION, CatalogKeys.type(key));
    }
}
