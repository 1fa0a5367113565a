package dev.vscmirror.catalog;

/**
 * One recorded version × target platform of an extension, with its JSON fragments ready to be written
 * (protocol §2.4 {@code versions[]}). Immutable; the arrays are shared, never modified.
 *
 * @param version        the version string
 * @param targetPlatform the target platform, or null for a universal package (no {@code targetPlatform} field)
 * @param preRelease     true when the {@code Microsoft.VisualStudio.Code.PreRelease} property is {@code true}
 * @param lastUpdated    the version's {@code lastUpdated} in epoch millis, 0 when unknown
 * @param core           the version object without files, properties and asset URIs (compact JSON object)
 * @param files          the {@code files} array as JSON, or null when not recorded
 * @param properties     the {@code properties} array as JSON, or null when not recorded
 * @param assetUris      the object {@code {"assetUri":…,"fallbackAssetUri":…}}, or null when not recorded
 */
public record VersionEntry(String version, String targetPlatform, boolean preRelease, long lastUpdated, byte[] core,
        byte[] files, byte[] properties, byte[] assetUris) {

    /** @return the platform as used in keys: the target platform or "" for universal */
    public String platformKey() {
        return targetPlatform == null ? "" : targetPlatform;
    }
}
