package dev.vscmirror.export.inspect;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code --include} patterns: each is a glob ({@code *} matches anything) compared with the exchange's host
 * and, for extension files, with the extension id {@code publisher.name} (case-insensitive). An exchange
 * is included when any pattern matches. No patterns: everything is included.
 */
public final class IncludeFilter {
    private final List<Pattern> patterns;

    public IncludeFilter(List<String> globs) {
        this.patterns = globs.stream().map(IncludeFilter::compile).toList();
    }

    public boolean all() {
        return patterns.isEmpty();
    }

    public boolean includes(String url) {
        if (patterns.isEmpty()) {
            return true;
        }
        String host = AssetUrl.host(url);
        String id = AssetUrl.extension(url).map(AssetUrl.ExtensionAsset::id).orElse(null);
        return patterns.stream().anyMatch(p -> p.matcher(host).matches() || id != null && p.matcher(id).matches());
    }

    private static Pattern compile(String glob) {
        String re = java.util.Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote)
                .collect(java.util.stream.Collectors.joining(".*"));
        return Pattern.compile(re, Pattern.CASE_INSENSITIVE);
    }
}
