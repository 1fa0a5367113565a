package dev.vscmirror.admin;

import dev.vscmirror.catalog.CatalogIndex;
import dev.vscmirror.catalog.ExtensionEntry;
import dev.vscmirror.catalog.VersionEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The catalog part of an {@link AdminContext}, over the replay side's {@link CatalogIndex} snapshots: browse and
 * search (case-insensitive substring of id, display name and short description; every word must match), details
 * with VSIX sizes, and counts. The serve wiring can delegate {@code extensions}, {@code extension}, {@code vsix} and
 * the catalog counts of {@code catalog} to it.
 */
public final class CatalogBrowser {

    /** Finds the recorded VSIX of one version (e.g. through the catalog's asset rows and the store). */
    @FunctionalInterface
    public interface VsixLookup {
        /**
         * @param targetPlatform null for a universal package
         * @return empty when the VSIX body is not in the store
         */
        Optional<VsixFile> find(String publisher, String name, String version, String targetPlatform);
    }

    private final Supplier<CatalogIndex> index;
    private final VsixLookup vsix;

    /**
     * @param index the current snapshot, e.g. {@code extensionCatalog::index}; read once per call
     * @param vsix  where recorded VSIX files are
     */
    public CatalogBrowser(Supplier<CatalogIndex> index, VsixLookup vsix) {
        this.index = Objects.requireNonNull(index, "index");
        this.vsix = Objects.requireNonNull(vsix, "vsix");
    }

    /** See {@link AdminContext#extensions(String, int, int)}. */
    public ExtensionPage extensions(String query, int page, int pageSize) {
        String[] words = query == null || query.isBlank() ? new String[0]
                : query.trim().toLowerCase(Locale.ROOT).split("\\s+");
        List<ExtensionEntry> matching = new ArrayList<>();
        for (ExtensionEntry e : index.get().all()) {
            if (matches(e, words)) {
                matching.add(e);
            }
        }
        int from = (int) Math.min(matching.size(), (long) Math.max(0, page - 1) * pageSize);
        int to = Math.min(matching.size(), from + pageSize);
        return new ExtensionPage(matching.size(), matching.subList(from, to).stream().map(CatalogBrowser::summary)
                .toList());
    }

    /** See {@link AdminContext#extension(String, String)}. */
    public Optional<ExtensionDetails> extension(String publisher, String name) {
        ExtensionEntry e = index.get().byId(publisher + "." + name);
        if (e == null) {
            return Optional.empty();
        }
        List<ExtensionVersion> versions = new ArrayList<>(e.versions().size());
        for (VersionEntry v : e.versions()) {
            long size = vsix.find(e.publisherName(), e.extensionName(), v.version(), v.targetPlatform())
                    .map(f -> sizeOf(f)).orElse(-1L);
            versions.add(new ExtensionVersion(v.version(), v.targetPlatform(), v.preRelease(), size,
                    v.lastUpdated() > 0 ? Instant.ofEpochMilli(v.lastUpdated()) : null));
        }
        return Optional.of(new ExtensionDetails(summary(e), versions));
    }

    /** See {@link AdminContext#vsix(String, String, String, String)}. */
    public Optional<VsixFile> vsix(String publisher, String name, String version, String targetPlatform) {
        return vsix.find(publisher, name, version, targetPlatform);
    }

    /** Catalog counts; {@code vscodeBuilds} comes from the update index. */
    public CatalogSummary summary(long vscodeBuilds) {
        List<ExtensionEntry> all = index.get().all();
        long versions = all.stream().mapToLong(e -> e.versions().size()).sum();
        long publishers = all.stream().map(e -> e.publisherName().toLowerCase(Locale.ROOT)).distinct().count();
        return new CatalogSummary(all.size(), versions, publishers, vscodeBuilds);
    }

    private static boolean matches(ExtensionEntry e, String[] words) {
        if (words.length == 0) {
            return true;
        }
        String text = (e.id() + " " + e.displayName() + " " + e.shortDescription()).toLowerCase(Locale.ROOT);
        for (String w : words) {
            if (!text.contains(w)) {
                return false;
            }
        }
        return true;
    }

    private static ExtensionSummary summary(ExtensionEntry e) {
        String latest = e.versions().isEmpty() ? null : e.versions().get(0).version();
        return new ExtensionSummary(e.publisherName(), e.extensionName(), blankToNull(e.displayName()), latest,
                e.versions().size(), blankToNull(e.shortDescription()));
    }

    private static long sizeOf(VsixFile file) {
        try {
            return Files.size(file.path());
        } catch (IOException e) {
            return -1; // vanished since the lookup: offer no link
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
