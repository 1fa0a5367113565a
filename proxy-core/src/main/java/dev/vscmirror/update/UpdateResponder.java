package dev.vscmirror.update;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.vscmirror.catalog.CatalogJson;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Answers the update service from what was recorded (issue 4 answer 5, protocol §5): the newest recorded build per
 * platform and quality by {@code timestamp}, 204 when the caller has it, download redirects to stored files.
 * Never dials out. Thread-safe.
 */
public final class UpdateResponder {
    /**
     * An answer: {@code status} with either JSON ({@code json}), a redirect ({@code location}) or nothing;
     * {@code missWhat} is set ({@code platform/quality/commit}) when the mirror lacks what was asked.
     */
    public record UpdateAnswer(int status, byte[] json, String location, String missWhat) {
        static UpdateAnswer json(byte[] body) {
            return new UpdateAnswer(200, body, null, null);
        }

        static UpdateAnswer noContent(String missWhat) {
            return new UpdateAnswer(204, null, null, missWhat);
        }

        static UpdateAnswer redirect(String location) {
            return new UpdateAnswer(302, null, location, null);
        }

        static UpdateAnswer miss(String what) {
            return new UpdateAnswer(404, null, null, what);
        }
    }

    private final UpdateIndex index;

    public UpdateResponder(UpdateIndex index) {
        this.index = index;
    }

    /**
     * @return true for an update check ({@code /api/update/…}) of a platform and quality with recorded builds: the
     *         newest build by timestamp must win over an older exact recording of the same check (issue 4 answer 5)
     */
    public boolean answersBeforeExactHit(String host, String pathAndQuery) {
        return UpdatePaths.route(host, pathAndQuery)
                .filter(r -> r.kind() == UpdatePaths.Kind.UPDATE || r.kind() == UpdatePaths.Kind.LATEST_API)
                .flatMap(r -> index.newest(r.platform(), r.quality()))
                .isPresent();
    }

    /** @return the answer, or empty when the path is not an update-service route */
    public Optional<UpdateAnswer> answer(String host, String pathAndQuery) {
        return UpdatePaths.route(host, pathAndQuery).map(this::answer);
    }

    private UpdateAnswer answer(UpdatePaths.Route r) {
        String what = r.platform() + "/" + r.quality() + "/" + r.ref();
        return switch (r.kind()) {
            case UPDATE -> update(r, what);
            case LATEST_API -> index.newest(r.platform(), r.quality())
                    .map(b -> UpdateAnswer.json(CatalogJson.bytes(b.json()))).orElse(UpdateAnswer.miss(what));
            case VERSION_API -> byVersion(r.platform(), r.quality(), r.ref())
                    .map(b -> UpdateAnswer.json(CatalogJson.bytes(b.json()))).orElse(UpdateAnswer.miss(what));
            case RELEASES -> releases(r.quality());
            case DOWNLOAD -> download(r, what);
        };
    }

    /** {@code /api/update/{platform}/{quality}/{commit}}: protocol §5.1. */
    private UpdateAnswer update(UpdatePaths.Route r, String what) {
        Optional<UpdateIndex.Build> newest = index.newest(r.platform(), r.quality());
        if (newest.isEmpty()) {
            // nothing recorded for this platform: "no update" keeps the client quiet; listed as a miss
            return UpdateAnswer.noContent(what);
        }
        UpdateIndex.Build build = newest.get();
        String commit = r.ref().toLowerCase(Locale.ROOT);
        if (commit.equals("latest")) {
            return UpdateAnswer.json(CatalogJson.bytes(build.json()));
        }
        if (commit.equals(build.commit())) {
            return UpdateAnswer.noContent(null);
        }
        Optional<Long> callerTimestamp = index.commitTimestamp(r.quality(), commit);
        if (callerTimestamp.isPresent() && callerTimestamp.get() >= build.timestamp()) {
            return UpdateAnswer.noContent(null); // the caller runs a build at least as new as ours: no downgrade
        }
        Optional<Long> upToDate = index.upToDateAt(r.platform(), r.quality(), commit);
        if (upToDate.isPresent() && upToDate.get() >= build.recordedAt()) {
            return UpdateAnswer.noContent(null); // upstream said "up to date" after we recorded our newest build
        }
        return UpdateAnswer.json(CatalogJson.bytes(build.json()));
    }

    private Optional<UpdateIndex.Build> byVersion(String platform, String quality, String version) {
        return index.builds(quality).stream()
                .filter(b -> b.platform().equals(platform) && version.equals(b.productVersion())).findFirst();
    }

    /** {@code /api/releases/{quality}}: version strings, newest first (protocol §5.2). */
    private UpdateAnswer releases(String quality) {
        Set<String> versions = new LinkedHashSet<>();
        for (UpdateIndex.Build b : index.builds(quality)) {
            if (b.productVersion() != null) {
                versions.add(b.productVersion());
            }
        }
        if (versions.isEmpty()) {
            return UpdateAnswer.miss("releases/" + quality);
        }
        ArrayNode array = CatalogJson.MAPPER.createArrayNode();
        versions.forEach(array::add);
        return UpdateAnswer.json(CatalogJson.bytes(array));
    }

    /** {@code /commit:{c}/…}, {@code /{version}/…}, {@code /latest/…}: 302 to a stored file (protocol §5.2, §5.3). */
    private UpdateAnswer download(UpdatePaths.Route r, String what) {
        String ref = r.ref().toLowerCase(Locale.ROOT);
        Optional<String> target = Optional.empty();
        if (ref.equals("latest")) {
            target = index.newest(r.platform(), r.quality()).map(UpdateIndex.Build::url).filter(index::hasFile);
        } else if (ref.startsWith("commit:")) {
            target = index.build(r.platform(), r.quality(), ref.substring("commit:".length()))
                    .map(UpdateIndex.Build::url).filter(index::hasFile);
        } else {
            target = byVersion(r.platform(), r.quality(), r.ref()).map(UpdateIndex.Build::url).filter(index::hasFile);
        }
        if (target.isEmpty()) {
            target = index.download(r.platform(), r.quality(), ref).map(UpdateIndex.Download::location)
                    .filter(index::hasFile);
        }
        return target.map(UpdateAnswer::redirect).orElse(UpdateAnswer.miss(what));
    }
}
