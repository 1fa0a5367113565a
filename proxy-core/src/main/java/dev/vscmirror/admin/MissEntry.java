package dev.vscmirror.admin;

import java.time.Instant;

/**
 * Something replay was asked for and did not have.
 *
 * @param kind     what kind of thing, e.g. {@code extension}, {@code asset}, {@code update}, {@code exchange}
 * @param what     what exactly, e.g. {@code somepub.hello@1.0.0} or a URL without its query
 * @param count    how many times it was asked for
 * @param lastSeen when it was last asked for
 */
public record MissEntry(String kind, String what, long count, Instant lastSeen) {}
