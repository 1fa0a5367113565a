package dev.vscmirror.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.vscmirror.catalog.CatalogFixtures.body;
import static dev.vscmirror.catalog.CatalogFixtures.criterion;
import static dev.vscmirror.catalog.CatalogFixtures.ids;
import static dev.vscmirror.catalog.CatalogFixtures.run;
import static dev.vscmirror.catalog.CatalogFixtures.total;
import static dev.vscmirror.catalog.CatalogFixtures.vsCode;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each filter type against hand-checked expectations (protocol §2.2, issue 4 answer 2). */
class ExtensionQueryFilterTest {
    private final ExtensionCatalog catalog = CatalogFixtures.full();

    @Test
    void extensionIdLookupFindsEachKnownUuidAndReportsTheUnknownOne() {
        String body = body(vsCode(criterion(4, "00000001-0000-4000-8000-000000000001") + ","
                + criterion(4, "00000005-0000-4000-8000-000000000005") + ","
                + criterion(4, "deadbeef-0000-4000-8000-000000000000")), 1, 3, null, 0, 950);
        ExtensionQueryEngine.Answer answer = new ExtensionQueryEngine(catalog).answer(body.getBytes(StandardCharsets.UTF_8));
        JsonNode json = CatalogFixtures.json(answer.body());
        assertEquals(List.of("ms-python.python", "dbaeumer.vscode-eslint"), ids(json, 0));
        assertEquals(2, total(json, 0));
        assertEquals(List.of("deadbeef-0000-4000-8000-000000000000"), answer.unmatched());
    }

    @Test
    void extensionNameLookupIgnoresCase() {
        JsonNode json = run(catalog, body(vsCode(criterion(7, "MS-Python.Python") + "," + criterion(7, "golang.go")),
                1, 2, null, 0, 950));
        assertEquals(List.of("ms-python.python", "golang.go"), ids(json, 0));
    }

    @Test
    void unknownIdGivesAWellFormedEmptyResult() {
        JsonNode json = run(catalog, body(vsCode(criterion(7, "nobody.nothing")), 1, 1, null, 0, 950));
        assertEquals(List.of(), ids(json, 0));
        assertEquals(0, total(json, 0));
        assertEquals("ResultCount", json.path("results").path(0).path("resultMetadata").path(0).path("metadataType").asText());
    }

    @Test
    void searchTextRanksExactNameThenPrefixThenTokenMatchesAndDropsUnpublishedAndNonValidated() {
        JsonNode json = run(catalog, body(vsCode(criterion(10, "python")), 1, 50, 0, 0, 950));
        assertEquals(List.of("ms-python.python", "acme.python-snippets", "ms-python.vscode-pylance"), ids(json, 0));
        assertEquals(3, total(json, 0));
    }

    @Test
    void searchForAnExactIdPutsThatExtensionFirst() {
        JsonNode json = run(catalog, body(vsCode(criterion(10, "ms-python.vscode-pylance")), 1, 50, 0, 0, 950));
        assertEquals("ms-python.vscode-pylance", ids(json, 0).get(0));
    }

    @Test
    void searchMatchesTokenPrefixesInDescriptionAndTagsAndRequiresEveryToken() {
        // "formatt" starts "formatter" (prettier's tag and description); "code formatt" also needs "code"
        assertEquals(List.of("esbenp.prettier-vscode"),
                ids(run(catalog, body(vsCode(criterion(10, "code formatt")), 1, 50, 0, 0, 950)), 0));
        assertEquals(List.of(), ids(run(catalog, body(vsCode(criterion(10, "formatter zzz")), 1, 50, 0, 0, 950)), 0));
    }

    @Test
    void categoryFilterIsCaseInsensitiveAndSortsByInstallsWhenThereIsNoText() {
        JsonNode json = run(catalog, body(vsCode(criterion(5, "themes")), 1, 50, 4, 0, 950));
        assertEquals(List.of("dracula-theme.theme-dracula"), ids(json, 0));
        JsonNode linters = run(catalog, body(vsCode(criterion(5, "Linters")), 1, 50, 4, 0, 950));
        assertEquals(List.of("ms-vscode.cpptools", "dbaeumer.vscode-eslint", "golang.go"), ids(linters, 0));
    }

    @Test
    void tagFilterAndSeveralTagsAreAlternatives() {
        assertEquals(List.of("ms-python.python", "dbaeumer.vscode-eslint"),
                ids(run(catalog, body(vsCode(criterion(1, "linters")), 1, 50, 4, 0, 950)), 0));
        assertEquals(List.of("golang.go", "rust-lang.rust-analyzer"),
                ids(run(catalog, body(vsCode(criterion(1, "go") + "," + criterion(1, "rust")), 1, 50, 4, 0, 950)), 0));
    }

    @Test
    void differentCriterionTypesMustAllHold() {
        JsonNode json = run(catalog, body(vsCode(criterion(5, "Programming Languages") + "," + criterion(10, "python")),
                1, 50, 0, 0, 950));
        assertEquals(List.of("ms-python.python", "ms-python.vscode-pylance"), ids(json, 0));
    }

    @Test
    void excludeWithFlagsKeepsUnpublishedOutOnlyWhenAsked() {
        String noExclusion = body(criterion(10, "python") + ",{\"filterType\":8,\"value\":\"Microsoft.VisualStudio.Code\"}",
                1, 50, 0, 0, 950 & ~0x20);
        List<String> all = ids(run(catalog, noExclusion), 0);
        assertEquals(5, all.size(), all.toString());
        assertEquals(true, all.contains("old.unpublished-thing") && all.contains("draft.not-validated"));
    }

    @Test
    void featuredMatchesEveryExtensionWhenNoneIsMarkedFeatured() {
        JsonNode json = run(catalog, body(vsCode("{\"filterType\":9}"), 1, 3, 4, 0, 950));
        assertEquals(List.of("ms-python.python", "ms-python.vscode-pylance", "ms-vscode.cpptools"), ids(json, 0));
        assertEquals(10, total(json, 0));
    }

    @Test
    void targetOtherThanVsCodeMatchesNothing() {
        JsonNode json = run(catalog, body("{\"filterType\":8,\"value\":\"Microsoft.VisualStudio.Services\"}",
                1, 50, 4, 0, 950));
        assertEquals(0, total(json, 0));
    }

    @Test
    void severalCriteriaGroupsGiveOneResultEach() {
        String body = "{\"filters\":[{\"criteria\":[" + vsCode(criterion(7, "golang.go")) + "],\"pageNumber\":1,\"pageSize\":1},"
                + "{\"criteria\":[" + vsCode(criterion(5, "Themes")) + "],\"pageNumber\":1,\"pageSize\":5,\"sortBy\":4}],"
                + "\"assetTypes\":[],\"flags\":950}";
        JsonNode json = run(catalog, body);
        assertEquals(2, json.path("results").size());
        assertEquals(List.of("golang.go"), ids(json, 0));
        assertEquals(List.of("dracula-theme.theme-dracula"), ids(json, 1));
    }

    @Test
    void publisherNameFilterSelectsThatPublishersExtensions() {
        assertEquals(List.of("ms-python.python", "ms-python.vscode-pylance"),
                ids(run(catalog, body(vsCode(criterion(18, "ms-python")), 1, 50, 4, 0, 950)), 0));
    }
}
