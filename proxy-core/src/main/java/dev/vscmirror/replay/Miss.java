package dev.vscmirror.replay;

import java.time.Instant;

/**
 * Something a client asked for in replay that the mirror does not have.
 *
 * @param kind     {@code extension} ({@code publisher.name@version/platform}, or {@code publisher.name} /
 *                 an extension uuid for lookups), {@code update} ({@code platform/quality/commit}) or {@code other}
 *                 (the URL)
 * @param what     what was missing, in the form of its kind
 * @param count    how often it was asked
 * @param lastSeen when it was last asked
 */
public record Miss(String kind, String what, long count, Instant lastSeen) {
}
