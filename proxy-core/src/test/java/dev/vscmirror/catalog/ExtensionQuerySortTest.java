package dev.vscmirror.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.vscmirror.catalog.CatalogFixtures.body;
import static dev.vscmirror.catalog.CatalogFixtures.criterion;
import static dev.vscmirror.catalog.CatalogFixtures.ids;
import static dev.vscmirror.catalog.CatalogFixtures.run;
import static dev.vscmirror.catalog.CatalogFixtures.total;
import static dev.vscmirror.catalog.CatalogFixtures.vsCode;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** sortBy / sortOrder and paging against hand-checked orders of the fixture (protocol §2.2, §2.5). */
class ExtensionQuerySortTest {
    private final ExtensionCatalog catalog = CatalogFixtures.full();

    private List<String> listing(int sortBy, int sortOrder, int page, int size) {
        return ids(run(catalog, body(vsCode(""), page, size, sortBy, sortOrder, 950)), 0);
    }

    @Test
    void installCountDescendingIsTheDefault() {
        assertEquals(List.of("ms-python.python", "ms-python.vscode-pylance", "ms-vscode.cpptools",
                "esbenp.prettier-vscode"), listing(4, 0, 1, 4));
    }

    @Test
    void installCountAscendingOnRequest() {
        assertEquals(List.of("acme.python-snippets", "rust-lang.rust-analyzer"), listing(4, 1, 1, 2));
    }

    @Test
    void pagingReturnsTheRightSliceAndTheTotalOfAllMatches() {
        JsonNode json = run(catalog, body(vsCode(criterion(5, "Programming Languages")), 2, 2, 4, 0, 950));
        assertEquals(List.of("ms-vscode.cpptools", "dbaeumer.vscode-eslint"), ids(json, 0));
        assertEquals(6, total(json, 0));
        JsonNode beyond = run(catalog, body(vsCode(criterion(5, "Programming Languages")), 4, 2, 4, 0, 950));
        assertEquals(List.of(), ids(beyond, 0));
        assertEquals(6, total(beyond, 0));
    }

    @Test
    void titleSortsByDisplayNameAscendingByDefault() {
        assertEquals(List.of("ms-vscode.cpptools", "dracula-theme.theme-dracula", "dbaeumer.vscode-eslint",
                "eamodio.gitlens", "golang.go", "esbenp.prettier-vscode", "ms-python.vscode-pylance",
                "ms-python.python", "acme.python-snippets", "rust-lang.rust-analyzer"), listing(2, 0, 1, 50));
    }

    @Test
    void titleDescending() {
        assertEquals(List.of("rust-lang.rust-analyzer", "acme.python-snippets"), listing(2, 2, 1, 2));
    }

    @Test
    void averageRatingDescending() {
        assertEquals(List.of("dracula-theme.theme-dracula", "rust-lang.rust-analyzer", "dbaeumer.vscode-eslint"),
                listing(6, 0, 1, 3));
    }

    @Test
    void weightedRatingDescending() {
        assertEquals(List.of("dracula-theme.theme-dracula", "rust-lang.rust-analyzer", "dbaeumer.vscode-eslint",
                "golang.go"), listing(12, 0, 1, 4));
    }

    @Test
    void publishedDateNewestFirstAndOldestFirst() {
        assertEquals(List.of("rust-lang.rust-analyzer", "ms-python.vscode-pylance", "golang.go"), listing(10, 0, 1, 3));
        assertEquals(List.of("dbaeumer.vscode-eslint", "ms-python.python", "ms-vscode.cpptools"), listing(10, 1, 1, 3));
    }

    @Test
    void lastUpdatedNewestFirst() {
        assertEquals(List.of("rust-lang.rust-analyzer", "ms-vscode.cpptools", "eamodio.gitlens", "ms-python.python"),
                listing(1, 0, 1, 4));
    }

    @Test
    void publisherNameAscending() {
        // publisher display names: Acme, Dracula Theme, GitKraken, Go Team at Google, Microsoft (x4, by installs), ...
        assertEquals(List.of("acme.python-snippets", "dracula-theme.theme-dracula", "eamodio.gitlens", "golang.go",
                "ms-python.python"), listing(3, 0, 1, 5));
    }
}
