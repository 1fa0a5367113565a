package dev.vscmirror.admin;

import java.util.List;

/**
 * One page of a catalog search.
 *
 * @param total the number of matching extensions over all pages
 * @param items this page's rows, in the catalog's order (never null)
 */
public record ExtensionPage(long total, List<ExtensionSummary> items) {
    public ExtensionPage {
        items = List.copyOf(items);
    }
}
