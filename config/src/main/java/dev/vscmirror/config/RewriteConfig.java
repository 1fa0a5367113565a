package dev.vscmirror.config;

import java.net.URI;

/**
 * URL rewriting of JSON metadata ({@code assetUri}, {@code fallbackAssetUri}, {@code files[].source}, update
 * {@code url}, redirect {@code Location}) when serving. Bodies of VSIX, signatures and installers are never changed.
 *
 * @param mode       none, mirror-hosts or base-url
 * @param mirrorHost with {@code mirror-hosts}: the name every rewritten URL points at (default
 *                   {@code marketplace.visualstudio.com}); the original host travels in the path
 * @param publicUrl  with {@code base-url}: the mirror's own URL, e.g. {@code https://mirror.example}; else null
 */
public record RewriteConfig(Mode mode, String mirrorHost, URI publicUrl) {
    /** How URLs in JSON metadata are rewritten. */
    public enum Mode { NONE, MIRROR_HOSTS, BASE_URL }
}
