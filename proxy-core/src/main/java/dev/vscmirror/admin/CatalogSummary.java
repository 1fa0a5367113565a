package dev.vscmirror.admin;

/**
 * The size of the extension catalog and update index, for {@code /api/status}.
 *
 * @param extensions   distinct extensions ({@code publisher.name})
 * @param versions     extension versions (each version/target platform pair counts once)
 * @param publishers   distinct publishers
 * @param vscodeBuilds recorded VS Code builds in the update index (platform/quality/commit)
 */
public record CatalogSummary(long extensions, long versions, long publishers, long vscodeBuilds) {}
