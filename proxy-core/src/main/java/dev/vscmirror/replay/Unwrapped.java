package dev.vscmirror.replay;

/**
 * The original request behind a rewritten {@code /_vscmirror/{host}/...} URL.
 *
 * @param host         the original upstream host, lower-case (e.g. {@code ms-python.gallerycdn.vsassets.io})
 * @param pathAndQuery the original path and query, starting with {@code /}
 */
public record Unwrapped(String host, String pathAndQuery) {
}
