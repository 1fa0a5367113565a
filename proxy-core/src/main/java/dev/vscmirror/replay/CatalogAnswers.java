package dev.vscmirror.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vscmirror.catalog.CatalogJson;
import dev.vscmirror.catalog.ExtensionCatalog;
import dev.vscmirror.catalog.ExtensionEntry;
import dev.vscmirror.catalog.ExtensionQueryEngine;
import dev.vscmirror.catalog.GalleryPaths;
import dev.vscmirror.catalog.GalleryQuery;
import dev.vscmirror.catalog.GalleryWriter;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static dev.vscmirror.catalog.GalleryQuery.Flags.INCLUDE_ASSET_URI;
import static dev.vscmirror.catalog.GalleryQuery.Flags.INCLUDE_CATEGORY_AND_TAGS;
import static dev.vscmirror.catalog.GalleryQuery.Flags.INCLUDE_FILES;
import static dev.vscmirror.catalog.GalleryQuery.Flags.INCLUDE_LATEST_PRERELEASE_AND_STABLE;
import static dev.vscmirror.catalog.GalleryQuery.Flags.INCLUDE_STATISTICS;
import static dev.vscmirror.catalog.GalleryQuery.Flags.INCLUDE_VERSION_PROPERTIES;

/** Answers from the catalog: extensionquery (issue 4 answer 2) and the latest API (answer 3). */
final class CatalogAnswers {
    /**
     * What the latest API returns (protocol §2.6): per target platform the latest release and the latest
     * pre-release, with files, properties and asset URIs, plus statistics, categories and tags.
     */
    static final int LATEST_FLAGS = INCLUDE_FILES | INCLUDE_CATEGORY_AND_TAGS | INCLUDE_VERSION_PROPERTIES
            | INCLUDE_ASSET_URI | INCLUDE_STATISTICS | INCLUDE_LATEST_PRERELEASE_AND_STABLE;

    private final ExtensionCatalog catalog;
    private final ExtensionQueryEngine engine;
    private final MissLog misses;

    CatalogAnswers(ExtensionCatalog catalog, ExtensionQueryEngine engine, MissLog misses) {
        this.catalog = catalog;
        this.engine = engine;
        this.misses = misses;
    }

    /** An extensionquery; ids and names it looks up that are not in the catalog are extension misses. */
    ReplayAnswer query(byte[] body) {
        GalleryQuery query;
        try {
            query = GalleryQuery.parse(body);
        } catch (IllegalArgumentException e) {
            ObjectNode error = CatalogJson.object();
            error.put("error", e.getMessage());
            // protocol §2.4: any 4xx is an empty result for the client
            return new ReplayAnswer.Synthesized(400, Encodings.JSON_HEADERS, CatalogJson.bytes(error), "synthesized");
        }
        ExtensionQueryEngine.Answer answer = engine.answer(query);
        answer.unmatched().forEach(what -> misses.record("extension", what));
        boolean lookupOnly = !answer.unmatched().isEmpty() && answer.total() == 0;
        return new ReplayAnswer.Synthesized(200, Encodings.GALLERY_HEADERS, answer.body(),
                lookupOnly ? "miss" : "synthesized");
    }

    /** The latest API: 404 for an unknown extension (protocol §2.6, §6.4: never a dropped connection). */
    ReplayAnswer latest(GalleryPaths.ExtensionName name) {
        ExtensionEntry entry = catalog.index().byId(name.id());
        if (entry == null || GalleryWriter.selectVersions(entry, LATEST_FLAGS).isEmpty()) {
            String what = name.publisher() + "." + name.name();
            misses.record("extension", what);
            return Encodings.notInMirror("extension", what);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        GalleryWriter.writeExtension(out, entry, LATEST_FLAGS, List.of());
        return new ReplayAnswer.Synthesized(200, Encodings.JSON_HEADERS, out.toByteArray(),
                "synthesized");
    }
}
