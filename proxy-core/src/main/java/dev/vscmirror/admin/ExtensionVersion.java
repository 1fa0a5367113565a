package dev.vscmirror.admin;

import java.time.Instant;

/**
 * One recorded version of an extension for one target platform.
 *
 * @param version        the version, e.g. {@code 1.2.3}
 * @param targetPlatform e.g. {@code linux-x64}; null for a universal (platform-neutral) version
 * @param preRelease     whether the version is a pre-release
 * @param vsixBytes      size of the recorded VSIX in bytes, or -1 when the VSIX itself was not recorded
 *                       (then no download link is offered)
 * @param lastUpdated    the version's lastUpdated from the gallery; null when unknown
 */
public record ExtensionVersion(String version, String targetPlatform, boolean preRelease, long vsixBytes,
                               Instant lastUpdated) {
    /** Whether the VSIX is in the store (a download link can be offered). */
    public boolean vsixRecorded() {
        return vsixBytes >= 0;
    }
}
