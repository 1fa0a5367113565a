package dev.vscmirror.admin;

import java.util.List;

/**
 * An extension with every recorded version, for {@code /api/extensions/{publisher}.{name}}.
 *
 * @param summary  the catalog row
 * @param versions newest first; target platforms of one version are separate entries (never null)
 */
public record ExtensionDetails(ExtensionSummary summary, List<ExtensionVersion> versions) {
    public ExtensionDetails {
        versions = List.copyOf(versions);
    }
}
