package dev.vscmirror.replay;

import dev.vscmirror.config.RewriteConfig;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static dev.vscmirror.replay.StoreFixture.request;
import static dev.vscmirror.replay.StoreFixture.resource;
import static dev.vscmirror.replay.StoreFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The update service from recorded answers (issue 4 answer 5; protocol §5) using the shared real fixtures. */
class UpdateReplayTest {
    static final String HOST = "https://update.code.visualstudio.com";
    static final String STABLE = "07f806f999227108933c2e30515b26eecc1fda74"; // 1.140.0, darwin-arm64 fixture
    static final String OLD = "8795a9889db74563ddd43eb0a897a2384129a619";
    static final String ZIP = "https://vscode.download.prss.microsoft.com/dbazure/download/stable/" + STABLE
            + "/VSCode-darwin-arm64.zip";

    @TempDir
    Path dir;
    ContentStore store;
    StoreFixture fixture;

    @BeforeEach
    void open() {
        store = ContentStore.open(dir);
        fixture = new StoreFixture(store);
        fixture.json("GET", HOST + "/api/update/darwin-arm64/stable/" + OLD + "?bg=true&u=none", null, null,
                resource("/update/update-api.darwin-arm64.stable.latest.json"));
        fixture.json("GET", HOST + "/api/update/darwin-arm64/insider/latest", null, null,
                resource("/update/update-api.darwin-arm64.insider.latest.json"));
        fixture.json("GET", HOST + "/api/update/win32-x64-archive/stable/" + OLD, null, null,
                resource("/update/update-api.win32-x64-archive.stable.from-1.40.1.json"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ReplayResponder responder(RewriteConfig.Mode mode) {
        return new ReplayResponder(store, new UrlRewriter(new RewriteConfig(mode, "update.code.visualstudio.com", null)),
                Clock.systemUTC());
    }

    private ReplayAnswer.Synthesized get(ReplayResponder r, String path) {
        return assertInstanceOf(ReplayAnswer.Synthesized.class, r.answer(request("GET", HOST + path, null, null)), path);
    }

    @Test
    void anOlderCommitGetsTheNewestRecordedBuild() {
        ReplayAnswer.Synthesized s = get(responder(RewriteConfig.Mode.NONE),
                "/api/update/darwin-arm64/stable/0000000000000000000000000000000000000001?bg=true&u=none");
        assertEquals(200, s.status());
        assertEquals(new String(resource("/update/update-api.darwin-arm64.stable.latest.json"), StandardCharsets.UTF_8).trim(),
                text(s));
    }

    @Test
    void theNewestCommitGets204() {
        ReplayAnswer.Synthesized s = get(responder(RewriteConfig.Mode.NONE), "/api/update/darwin-arm64/stable/" + STABLE + "?u=none");
        assertEquals(204, s.status());
        assertEquals("synthesized", s.outcome());
    }

    @Test
    void theNewestBuildIsChosenByTimestampNotByRecordingOrder() {
        String older = "{\"url\":\"https://vscode.download.prss.microsoft.com/dbazure/download/stable/"
                + "1111111111111111111111111111111111111111/VSCode-darwin-arm64.zip\",\"name\":\"1.139.0\",\"version\":"
                + "\"1111111111111111111111111111111111111111\",\"productVersion\":\"1.139.0\",\"timestamp\":1780000000000}";
        fixture.json("GET", HOST + "/api/update/darwin-arm64/stable/2222222222222222222222222222222222222222", null, null,
                older.getBytes(StandardCharsets.UTF_8));
        ReplayResponder r = responder(RewriteConfig.Mode.NONE);
        assertEquals("1.140.0", text(get(r, "/api/update/darwin-arm64/stable/2222222222222222222222222222222222222222"))
                .replaceAll(".*\"name\":\"([^\"]+)\".*", "$1"));
        // a caller on 1.140.0 is never offered the older 1.139.0
        assertEquals(204, get(r, "/api/update/darwin-arm64/stable/" + STABLE).status());
        assertEquals("[\"1.140.0\",\"1.139.0\",\"1.40.2\"]", text(get(r, "/api/releases/stable")));
    }

    @Test
    void anUnknownPlatformGets204AndIsListedAsAnUpdateMiss() {
        ReplayResponder r = responder(RewriteConfig.Mode.NONE);
        ReplayAnswer.Synthesized s = get(r, "/api/update/linux-x64/stable/" + STABLE + "?bg=true&u=none");
        assertEquals(204, s.status());
        assertEquals("miss", s.outcome());
        Miss m = r.misses().list().get(0);
        assertEquals("update", m.kind());
        assertEquals("linux-x64/stable/" + STABLE, m.what());
    }

    @Test
    void latestAndInsiderQualitiesAreKeptApart() {
        ReplayResponder r = responder(RewriteConfig.Mode.NONE);
        assertEquals("1.141.0-insider", text(get(r, "/api/update/darwin-arm64/insider/latest"))
                .replaceAll(".*\"productVersion\":\"([^\"]+)\".*", "$1"));
        assertEquals("1.140.0", text(get(r, "/api/update/darwin-arm64/stable/latest"))
                .replaceAll(".*\"productVersion\":\"([^\"]+)\".*", "$1"));
    }

    @Test
    void downloadsRedirectToTheStoredFileAndAreMissesWithoutIt() {
        ReplayResponder before = responder(RewriteConfig.Mode.NONE);
        assertEquals(404, get(before, "/commit:" + STABLE + "/darwin-arm64/stable").status());
        fixture.record("GET", ZIP, null, null, 200, List.of(new Header("Content-Type", "application/zip")),
                new byte[] {0x50, 0x4b, 3, 4});
        ReplayResponder r = responder(RewriteConfig.Mode.NONE);
        for (String path : List.of("/commit:" + STABLE + "/darwin-arm64/stable", "/1.140.0/darwin-arm64/stable",
                "/latest/darwin-arm64/stable")) {
            ReplayAnswer.Synthesized s = get(r, path);
            assertEquals(302, s.status(), path);
            assertEquals(List.of(new Header("Location", ZIP)), s.headers());
        }
    }

    @Test
    void serverDownloadsFollowTheRecordedRedirect() {
        String tarball = "https://vscode.download.prss.microsoft.com/dbazure/download/stable/" + STABLE
                + "/vscode-server-linux-x64.tar.gz";
        fixture.record("GET", HOST + "/commit:" + STABLE + "/server-linux-x64/stable", null, null, 302,
                List.of(new Header("Location", tarball)), new byte[0]);
        fixture.record("GET", tarball, null, null, 200, List.of(), new byte[] {0x1f, (byte) 0x8b, 8});
        ReplayResponder r = responder(RewriteConfig.Mode.NONE);
        // a different casing of the commit is not the recorded request: answered from the download row
        ReplayAnswer.Synthesized s = get(r, "/commit:" + STABLE.toUpperCase() + "/server-linux-x64/stable");
        assertEquals(302, s.status());
        assertEquals(tarball, s.headers().get(0).value());
    }
}
