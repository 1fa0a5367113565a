package dev.vscmirror.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static dev.vscmirror.catalog.GalleryQuery.Flags.INCLUDE_ASSET_URI;
import static dev.vscmirror.catalog.GalleryQuery.Flags.INCLUDE_CATEGORY_AND_TAGS;
import static dev.vscmirror.catalog.GalleryQuery.Flags.INCLUDE_FILES;
import static dev.vscmirror.catalog.GalleryQuery.Flags.INCLUDE_INSTALLATION_TARGETS;
import static dev.vscmirror.catalog.GalleryQuery.Flags.INCLUDE_LATEST_PRERELEASE_AND_STABLE;
import static dev.vscmirror.catalog.GalleryQuery.Flags.INCLUDE_LATEST_VERSION_ONLY;
import static dev.vscmirror.catalog.GalleryQuery.Flags.INCLUDE_STATISTICS;
import static dev.vscmirror.catalog.GalleryQuery.Flags.INCLUDE_VERSIONS;
import static dev.vscmirror.catalog.GalleryQuery.Flags.INCLUDE_VERSION_PROPERTIES;

/**
 * Writes gallery JSON (protocol §2.4) from the recorded fragments, by concatenation: fields are present according
 * to the query flags (§2.2); a group the flags ask for that was never recorded is written as an empty array.
 */
public final class GalleryWriter {
    private static final byte[] EMPTY_ARRAY = {'[', ']'};

    private GalleryWriter() {
    }

    /**
     * The versions a query returns: all (0x1), the newest per target platform (0x200), or the newest release and
     * newest pre-release per target platform (0x10000); newest first, equal versions adjacent. Empty when the
     * flags ask for no versions.
     */
    public static List<VersionEntry> selectVersions(ExtensionEntry e, int flags) {
        if ((flags & INCLUDE_LATEST_VERSION_ONLY) != 0) {
            Set<String> seen = new HashSet<>();
            List<VersionEntry> out = new ArrayList<>();
            for (VersionEntry v : e.versions()) {
                if (seen.add(v.platformKey())) {
                    out.add(v);
                }
            }
            return out;
        }
        if ((flags & INCLUDE_LATEST_PRERELEASE_AND_STABLE) != 0) {
            Set<String> seen = new HashSet<>();
            List<VersionEntry> out = new ArrayList<>();
            for (VersionEntry v : e.versions()) {
                if (seen.add(v.platformKey() + (v.preRelease() ? "\u0000pre" : "\u0000rel"))) {
                    out.add(v);
                }
            }
            return out;
        }
        return (flags & INCLUDE_VERSIONS) != 0 ? e.versions() : List.of();
    }

    /** @return true when the flags ask for a {@code versions} field */
    static boolean wantsVersions(int flags) {
        return (flags & (INCLUDE_VERSIONS | INCLUDE_LATEST_VERSION_ONLY | INCLUDE_LATEST_PRERELEASE_AND_STABLE)) != 0;
    }

    /** Writes one extension object. */
    public static void writeExtension(ByteArrayOutputStream out, ExtensionEntry e, int flags, List<String> assetTypes) {
        ExtensionEntry.Fragments f = e.fragments();
        boolean comma = openObject(out, f.core());
        if (wantsVersions(flags)) {
            comma = field(out, comma, "versions");
            out.write('[');
            boolean first = true;
            for (VersionEntry v : selectVersions(e, flags)) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                writeVersion(out, v, flags, assetTypes);
            }
            out.write(']');
        }
        if ((flags & INCLUDE_CATEGORY_AND_TAGS) != 0) {
            comma = array(out, field(out, comma, "categories"), f.categories());
            comma = array(out, field(out, comma, "tags"), f.tags());
        }
        if ((flags & INCLUDE_STATISTICS) != 0) {
            comma = array(out, field(out, comma, "statistics"), f.statistics());
        }
        if ((flags & INCLUDE_INSTALLATION_TARGETS) != 0) {
            array(out, field(out, comma, "installationTargets"), f.installationTargets());
        }
        out.write('}');
    }

    private static void writeVersion(ByteArrayOutputStream out, VersionEntry v, int flags, List<String> assetTypes) {
        boolean comma = openObject(out, v.core());
        if ((flags & INCLUDE_FILES) != 0) {
            byte[] files = assetTypes.isEmpty() || v.files() == null ? v.files() : onlyTypes(v.files(), assetTypes);
            comma = array(out, field(out, comma, "files"), files);
        }
        if ((flags & INCLUDE_VERSION_PROPERTIES) != 0) {
            comma = array(out, field(out, comma, "properties"), v.properties());
        }
        if ((flags & INCLUDE_ASSET_URI) != 0 && v.assetUris() != null && v.assetUris().length > 2) {
            if (comma) {
                out.write(',');
            }
            out.write(v.assetUris(), 1, v.assetUris().length - 2); // the object's fields without braces
        }
        out.write('}');
    }

    /** Writes {@code {…} } minus its closing brace. @return true when fields were written (a comma is due) */
    private static boolean openObject(ByteArrayOutputStream out, byte[] object) {
        out.write(object, 0, object.length - 1);
        return object.length > 2;
    }

    private static boolean field(ByteArrayOutputStream out, boolean comma, String name) {
        if (comma) {
            out.write(',');
        }
        out.write('"');
        out.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        out.write('"');
        out.write(':');
        return true;
    }

    private static boolean array(ByteArrayOutputStream out, boolean comma, byte[] json) {
        out.writeBytes(json == null ? EMPTY_ARRAY : json);
        return comma;
    }

    /** The rare path: the client listed {@code assetTypes}, so {@code files[]} is narrowed to them. */
    private static byte[] onlyTypes(byte[] files, List<String> assetTypes) {
        Set<String> wanted = new HashSet<>();
        assetTypes.forEach(t -> wanted.add(t.toLowerCase(Locale.ROOT)));
        try {
            JsonNode all = CatalogJson.MAPPER.readTree(files);
            ArrayNode kept = CatalogJson.MAPPER.createArrayNode();
            for (JsonNode file : all) {
                if (wanted.contains(ExtensionBuilder.text(file, "assetType").toLowerCase(Locale.ROOT))) {
                    kept.add(file);
                }
            }
            return CatalogJson.bytes(kept);
        } catch (IOException e) {
            throw new IllegalStateException("recorded files[] is not JSON: " + e.getMessage(), e);
        }
    }
}
