package dev.vscmirror.catalog;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code POST …/extensionquery} body (protocol §2.1):
 * {@code {"filters":[{"criteria":[{"filterType":N,"value":"…"}],"pageNumber":1,"pageSize":50,"sortBy":0,
 * "sortOrder":0}],"assetTypes":[],"flags":950}}.
 *
 * @param filters    the criteria groups; one result each
 * @param flags      the OR of {@link Flags} values
 * @param assetTypes when non-empty, only these asset types are listed in {@code files[]}
 */
public record GalleryQuery(List<Filter> filters, int flags, List<String> assetTypes) {

    /** Query flags (protocol §2.2). */
    public static final class Flags {
        public static final int INCLUDE_VERSIONS = 0x1;
        public static final int INCLUDE_FILES = 0x2;
        public static final int INCLUDE_CATEGORY_AND_TAGS = 0x4;
        public static final int INCLUDE_VERSION_PROPERTIES = 0x10;
        public static final int EXCLUDE_NON_VALIDATED = 0x20;
        public static final int INCLUDE_INSTALLATION_TARGETS = 0x40;
        public static final int INCLUDE_ASSET_URI = 0x80;
        public static final int INCLUDE_STATISTICS = 0x100;
        public static final int INCLUDE_LATEST_VERSION_ONLY = 0x200;
        public static final int INCLUDE_LATEST_PRERELEASE_AND_STABLE = 0x10000;

        private Flags() {
        }
    }

    /** Filter types (protocol §2.2; the Marketplace's other types are accepted too). */
    public static final class FilterType {
        public static final int TAG = 1;
        public static final int DISPLAY_NAME = 2;
        public static final int EXTENSION_ID = 4;
        public static final int CATEGORY = 5;
        public static final int EXTENSION_NAME = 7;
        public static final int TARGET = 8;
        public static final int FEATURED = 9;
        public static final int SEARCH_TEXT = 10;
        public static final int EXCLUDE_WITH_FLAGS = 12;
        public static final int INCLUDE_WITH_FLAGS = 13;
        public static final int PUBLISHER_NAME = 18;
        public static final int PUBLISHER_DISPLAY_NAME = 19;
        public static final int TARGET_PLATFORM = 23;

        private FilterType() {
        }
    }

    /**
     * One criteria group.
     *
     * @param criteria   the criteria, in any order
     * @param pageNumber 1-based page
     * @param pageSize   entries per page (at least 1)
     * @param sortBy     the SortBy value, or null when the client sent none
     * @param sortOrder  0 default, 1 ascending, 2 descending
     */
    public record Filter(List<Criterion> criteria, int pageNumber, int pageSize, Integer sortBy, int sortOrder) {
    }

    /** One criterion; {@code value} is null for Featured. */
    public record Criterion(int filterType, String value) {
    }

    /**
     * Parses a request body.
     *
     * @throws IllegalArgumentException when it is not a JSON object with a {@code filters} array
     */
    public static GalleryQuery parse(byte[] body) {
        JsonNode root;
        try {
            root = CatalogJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("extensionquery body is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.path("filters").isArray()) {
            throw new IllegalArgumentException("extensionquery body has no filters array");
        }
        List<Filter> filters = new ArrayList<>();
        for (JsonNode f : root.get("filters")) {
            List<Criterion> criteria = new ArrayList<>();
            for (JsonNode c : f.path("criteria")) {
                JsonNode value = c.get("value");
                criteria.add(new Criterion(c.path("filterType").asInt(-1),
                        value == null || value.isNull() ? null : value.asText()));
            }
            JsonNode sortBy = f.get("sortBy");
            filters.add(new Filter(List.copyOf(criteria), Math.max(1, f.path("pageNumber").asInt(1)),
                    Math.max(1, f.path("pageSize").asInt(50)),
                    sortBy == null || sortBy.isNull() ? null : sortBy.asInt(0), f.path("sortOrder").asInt(0)));
        }
        List<String> assetTypes = new ArrayList<>();
        root.path("assetTypes").forEach(a -> assetTypes.add(a.asText()));
        return new GalleryQuery(List.copyOf(filters), root.path("flags").asInt(0), List.copyOf(assetTypes));
    }
}
