package dev.vscmirror.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.vscmirror.catalog.CatalogFixtures.body;
import static dev.vscmirror.catalog.CatalogFixtures.criterion;
import static dev.vscmirror.catalog.CatalogFixtures.run;
import static dev.vscmirror.catalog.CatalogFixtures.vsCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each flag's effect on the answer's fields (protocol §2.2, §2.3). */
class ExtensionQueryFlagsTest {
    private final ExtensionCatalog catalog = CatalogFixtures.full();

    private JsonNode cpptools(int flags) {
        return run(catalog, body(vsCode(criterion(7, "ms-vscode.cpptools")), 1, 1, null, 0, flags))
                .path("results").path(0).path("extensions").path(0);
    }

    private static List<String> versions(JsonNode ext) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : ext.path("versions")) {
            out.add(v.path("version").asText() + "/" + v.path("targetPlatform").asText("universal"));
        }
        return out;
    }

    @Test
    void flagsZeroGivesExtensionLevelFieldsOnly() {
        JsonNode ext = cpptools(0);
        assertEquals("cpptools", ext.path("extensionName").asText());
        assertEquals("C/C++", ext.path("displayName").asText());
        for (String absent : List.of("versions", "statistics", "categories", "tags")) {
            assertFalse(ext.has(absent), absent + " must be absent: " + ext);
        }
    }

    @Test
    void includeVersionsListsEveryVersionAndPlatformNewestFirst() {
        assertEquals(List.of("1.21.6/darwin-arm64", "1.21.6/linux-x64", "1.21.6/win32-x64",
                "1.20.5/darwin-arm64", "1.20.5/linux-x64", "1.20.5/win32-x64",
                "1.19.9/linux-x64", "1.19.9/win32-x64"), versions(cpptools(439)));
    }

    @Test
    void latestVersionOnlyGivesOneEntryPerTargetPlatform() {
        assertEquals(List.of("1.21.6/darwin-arm64", "1.21.6/linux-x64", "1.21.6/win32-x64"), versions(cpptools(950)));
    }

    @Test
    void latestPrereleaseAndStableGivesBothPerPlatform() {
        assertEquals(List.of("1.21.6/darwin-arm64", "1.21.6/linux-x64", "1.21.6/win32-x64",
                "1.20.5/darwin-arm64", "1.20.5/linux-x64", "1.20.5/win32-x64"), versions(cpptools(65974)));
    }

    @Test
    void flags950CarryFilesPropertiesAssetUrisStatisticsCategoriesAndTags() {
        JsonNode ext = cpptools(950);
        JsonNode v = ext.path("versions").path(0);
        assertEquals(4, v.path("files").size());
        assertEquals("Microsoft.VisualStudio.Services.VsixSignature", v.path("files").path(3).path("assetType").asText());
        assertEquals("true", v.path("properties").path(2).path("value").asText(), v.toString());
        assertEquals("https://ms-vscode.gallerycdn.vsassets.io/extensions/ms-vscode/cpptools/1.21.6/1719000000000",
                v.path("assetUri").asText());
        assertTrue(v.path("fallbackAssetUri").asText().endsWith("/extension/cpptools/1.21.6/assetbyname"));
        assertEquals(List.of("Programming Languages", "Debuggers", "Linters"),
                CatalogJsonTestSupport.strings(ext.path("categories")));
        assertEquals("c++", ext.path("tags").path(1).asText());
        assertEquals("install", ext.path("statistics").path(0).path("statisticName").asText());
        assertEquals("80000000.0", ext.path("statistics").path(0).path("value").asText());
    }

    @Test
    void flags55HaveNoAssetUriAndNoStatistics() {
        JsonNode ext = cpptools(55);
        JsonNode v = ext.path("versions").path(0);
        assertTrue(v.has("files") && v.has("properties"));
        assertFalse(v.has("assetUri") || v.has("fallbackAssetUri"), v.toString());
        assertFalse(ext.has("statistics"));
        assertTrue(ext.has("categories"));
    }

    @Test
    void withoutFilesFlagVersionsHaveNoFiles() {
        JsonNode v = cpptools(0x1 | 0x80).path("versions").path(0);
        assertFalse(v.has("files") || v.has("properties"), v.toString());
        assertTrue(v.has("assetUri"));
        assertEquals("validated", v.path("flags").asText());
    }

    @Test
    void assetTypesNarrowTheFileList() {
        String body = "{\"filters\":[{\"criteria\":[" + vsCode(criterion(7, "golang.go")) + "],\"pageNumber\":1,"
                + "\"pageSize\":1}],\"assetTypes\":[\"Microsoft.VisualStudio.Services.VSIXPackage\"],\"flags\":950}";
        JsonNode files = run(catalog, body).path("results").path(0).path("extensions").path(0)
                .path("versions").path(0).path("files");
        assertEquals(1, files.size());
        assertEquals("Microsoft.VisualStudio.Services.VSIXPackage", files.path(0).path("assetType").asText());
    }

    @Test
    void universalVersionsHaveNoTargetPlatformField() {
        JsonNode v = run(catalog, body(vsCode(criterion(7, "golang.go")), 1, 1, null, 0, 950))
                .path("results").path(0).path("extensions").path(0).path("versions").path(0);
        assertEquals("0.41.4", v.path("version").asText());
        assertFalse(v.has("targetPlatform"));
    }
}
