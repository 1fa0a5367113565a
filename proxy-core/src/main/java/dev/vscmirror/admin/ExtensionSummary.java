package dev.vscmirror.admin;

/**
 * One row of a catalog search.
 *
 * @param publisher     publisher name as in the extension id, e.g. {@code ms-python}
 * @param name          extension name as in the id, e.g. {@code python}
 * @param displayName   display name; null when the recording had none
 * @param latestVersion the newest recorded version; null when no version is recorded
 * @param versions      number of recorded version/target platform pairs
 * @param description   short description; null when unknown
 */
public record ExtensionSummary(String publisher, String name, String displayName, String latestVersion,
                               int versions, String description) {}
