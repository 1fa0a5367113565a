package dev.vscmirror.catalog.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vscmirror.catalog.CatalogJson;
import dev.vscmirror.catalog.ExtensionCatalog;
import dev.vscmirror.catalog.GalleryRows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Synthetic Marketplace data with realistic shapes for the catalog benchmark: Zipf-distributed words in names,
 * descriptions and tags, 1-3 versions, 15 % platform-specific extensions with 3-7 target platforms, 10 % with a
 * newer pre-release, 9 files and 6 properties per version, skewed install counts. Deterministic for a seed.
 */
final class SyntheticCatalog {
    static final String[] CATEGORIES = {"Programming Languages", "Snippets", "Linters", "Themes", "Debuggers",
        "Formatters", "Keymaps", "SCM Providers", "Other", "Extension Packs", "Language Packs", "Data Science",
        "Machine Learning", "Visualization", "Notebooks", "Education", "Testing", "Azure", "Chat", "AI"};
    static final String[] PLATFORMS = {"win32-x64", "win32-arm64", "linux-x64", "linux-arm64", "linux-armhf",
        "alpine-x64", "alpine-arm64", "darwin-x64", "darwin-arm64", "web"};
    private static final String[] COMMON = {"python", "java", "javascript", "typescript", "theme", "dark", "light",
        "git", "lint", "format", "debug", "snippets", "react", "vue", "angular", "go", "rust", "c++", "c#", "php",
        "ruby", "docker", "kubernetes", "yaml", "json", "markdown", "sql", "test", "jupyter", "ai", "copilot",
        "remote", "ssh", "icons", "color", "html", "css", "sass", "tailwind", "eslint", "prettier", "language",
        "support", "extension", "tools", "code", "syntax", "highlighting", "intellisense", "server", "client"};
    private static final String[] SYLLABLES = {"ka", "lo", "vin", "tre", "ma", "zu", "pen", "dor", "el", "qua",
        "rix", "so", "fen", "gal", "hu", "ny", "ob", "ter", "wi", "xa", "bel", "cor", "dax", "ive"};

    private final String[] vocabulary;
    private final double[] cumulative;
    private final SplittableRandom random;
    private final List<String> ids = new ArrayList<>();
    private final List<String> uuids = new ArrayList<>();
    private final List<String> displayNames = new ArrayList<>();

    SyntheticCatalog(long seed) {
        random = new SplittableRandom(seed);
        vocabulary = new String[2000];
        for (int i = 0; i < vocabulary.length; i++) {
            vocabulary[i] = i < COMMON.length ? COMMON[i]
                    : SYLLABLES[i % SYLLABLES.length] + SYLLABLES[(i / SYLLABLES.length) % SYLLABLES.length]
                    + SYLLABLES[(i * 7 / 5) % SYLLABLES.length];
        }
        cumulative = new double[vocabulary.length];
        double sum = 0;
        for (int i = 0; i < vocabulary.length; i++) {
            sum += 1.0 / (i + 1); // Zipf, s = 1
            cumulative[i] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
    }

    String word() {
        double u = random.nextDouble();
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return vocabulary[lo];
    }

    SplittableRandom random() {
        return random;
    }

    List<String> ids() {
        return ids;
    }

    List<String> uuids() {
        return uuids;
    }

    List<String> displayNames() {
        return displayNames;
    }

    /** Records {@code n} extensions into the catalog through the same path as recorded answers. */
    void populate(ExtensionCatalog catalog, int n) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        int publishers = Math.max(1, n / 4);
        for (int i = 0; i < n; i++) {
            GalleryRows.fromExtension(extension(i, "pub" + random.nextInt(publishers)), at, catalog.sink());
        }
    }

    private ObjectNode extension(int i, String publisher) {
        String w1 = word();
        String w2 = word();
        String name = w1.replace("+", "p").replace("#", "sharp") + "-" + w2.replace("+", "p").replace("#", "sharp")
                + "-" + Integer.toString(i, 36);
        String uuid = String.format(Locale.ROOT, "%08x-%04x-4%03x-8%03x-%012x", i, i & 0xffff, i & 0xfff, i & 0xfff,
                (long) i * 7919);
        String display = cap(w1) + " " + cap(w2);
        ids.add(publisher + "." + name);
        uuids.add(uuid);
        displayNames.add(display);
        ObjectNode ext = CatalogJson.object();
        ObjectNode pub = ext.putObject("publisher");
        pub.put("publisherId", uuid).put("publisherName", publisher).put("displayName", cap(publisher))
                .put("flags", "verified").putNull("domain");
        pub.put("isDomainVerified", false);
        long published = 1420070400000L + (long) (random.nextDouble() * 3.0e11);
        long updated = published + (long) (random.nextDouble() * 1.0e11);
        ext.put("extensionId", uuid).put("extensionName", name).put("displayName", display)
                .put("flags", "validated, public").put("lastUpdated", Instant.ofEpochMilli(updated).toString())
                .put("publishedDate", Instant.ofEpochMilli(published).toString())
                .put("releaseDate", Instant.ofEpochMilli(published).toString());
        StringBuilder desc = new StringBuilder(cap(word()));
        for (int w = 5 + random.nextInt(11); w > 0; w--) {
            desc.append(' ').append(word());
        }
        ext.put("shortDescription", desc.toString());
        ArrayNode versions = ext.putArray("versions");
        boolean platformSpecific = random.nextInt(100) < 15;
        int platforms = platformSpecific ? 3 + random.nextInt(5) : 1;
        int versionCount = 1 + (random.nextInt(100) < 50 ? 0 : random.nextInt(100) < 70 ? 1 : 2);
        boolean preRelease = random.nextInt(100) < 10;
        for (int v = 0; v < versionCount; v++) {
            String version = "1." + (versionCount - v) + "." + random.nextInt(20);
            long ts = updated - v * 86_400_000L * 30;
            for (int p = 0; p < platforms; p++) {
                versions.add(version(publisher, name, version, ts, platformSpecific ? PLATFORMS[p] : null,
                        preRelease && v == 0));
            }
        }
        ArrayNode categories = ext.putArray("categories");
        for (int c = 1 + random.nextInt(3); c > 0; c--) {
            categories.add(CATEGORIES[random.nextInt(CATEGORIES.length)]);
        }
        ArrayNode tags = ext.putArray("tags");
        for (int t = 2 + random.nextInt(7); t > 0; t--) {
            tags.add(word());
        }
        if (random.nextInt(100) < 20) {
            tags.add("__web_extension");
        }
        ArrayNode stats = ext.putArray("statistics");
        double installs = Math.floor(Math.pow(10, 1 + random.nextDouble() * 7));
        stats.addObject().put("statisticName", "install").put("value", installs);
        stats.addObject().put("statisticName", "averagerating").put("value", 1 + random.nextDouble() * 4);
        stats.addObject().put("statisticName", "ratingcount").put("value", (double) random.nextInt(5000));
        stats.addObject().put("statisticName", "weightedRating").put("value", 1 + random.nextDouble() * 4);
        stats.addObject().put("statisticName", "updateCount").put("value", (double) random.nextInt(500));
        ext.put("deploymentType", 0);
        return ext;
    }

    private ObjectNode version(String publisher, String name, String version, long ts, String platform, boolean pre) {
        ObjectNode v = CatalogJson.object();
        v.put("version", version);
        if (platform != null) {
            v.put("targetPlatform", platform);
        }
        v.put("flags", "validated").put("lastUpdated", Instant.ofEpochMilli(ts).toString());
        String base = "https://" + publisher + ".gallerycdn.vsassets.io/extensions/" + publisher + "/" + name + "/"
                + version + "/" + ts;
        ArrayNode files = v.putArray("files");
        for (String type : new String[] {"Microsoft.VisualStudio.Code.Manifest",
            "Microsoft.VisualStudio.Services.Content.Changelog", "Microsoft.VisualStudio.Services.Content.Details",
            "Microsoft.VisualStudio.Services.Content.License", "Microsoft.VisualStudio.Services.Icons.Default",
            "Microsoft.VisualStudio.Services.Icons.Small", "Microsoft.VisualStudio.Services.VsixManifest",
            "Microsoft.VisualStudio.Services.VSIXPackage", "Microsoft.VisualStudio.Services.VsixSignature"}) {
            files.addObject().put("assetType", type).put("source", base + "/" + type);
        }
        ArrayNode props = v.putArray("properties");
        props.addObject().put("key", "Microsoft.VisualStudio.Code.Engine").put("value", "^1.8" + random.nextInt(10) + ".0");
        props.addObject().put("key", "Microsoft.VisualStudio.Code.ExtensionDependencies").put("value", "");
        props.addObject().put("key", "Microsoft.VisualStudio.Code.ExtensionPack").put("value", "");
        props.addObject().put("key", "Microsoft.VisualStudio.Code.ExtensionKind").put("value", "workspace");
        props.addObject().put("key", "Microsoft.VisualStudio.Services.Links.Source")
                .put("value", "https://github.com/" + publisher + "/" + name);
        if (pre) {
            props.addObject().put("key", "Microsoft.VisualStudio.Code.PreRelease").put("value", "true");
        } else {
            props.addObject().put("key", "Microsoft.VisualStudio.Services.GitHubFlavoredMarkdown").put("value", "true");
        }
        v.put("assetUri", base);
        v.put("fallbackAssetUri", "https://" + publisher + ".gallery.vsassets.io/_apis/public/gallery/publisher/"
                + publisher + "/extension/" + name + "/" + version + "/assetbyname");
        return v;
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
