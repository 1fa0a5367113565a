package dev.vscmirror.replay;

import dev.vscmirror.config.RewriteConfig;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.Header;
import dev.vscmirror.store.RecordedExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static dev.vscmirror.replay.StoreFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Assets through each URL form (issue 4 answer 4; protocol §3.1, §3.6). */
class AssetAliasTest {
    static final String CDN = "https://ms-vscode.gallerycdn.vsassets.io/extensions/ms-vscode/cpptools/1.20.5/1718013600000/";
    static final String FALLBACK = "https://ms-vscode.gallery.vsassets.io/_apis/public/gallery/publisher/ms-vscode/"
            + "extension/cpptools/1.20.5/assetbyname/";
    static final String VSIX = "Microsoft.VisualStudio.Services.VSIXPackage";
    static final byte[] LINUX_VSIX = {0x50, 0x4b, 0x03, 0x04, 'l', 'i', 'n'};
    static final byte[] WIN_VSIX = {0x50, 0x4b, 0x03, 0x04, 'w', 'i', 'n'};

    @TempDir
    Path dir;
    ContentStore store;
    StoreFixture fixture;

    @BeforeEach
    void open() {
        store = ContentStore.open(dir);
        fixture = new StoreFixture(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private RecordedExchange vsix(String url, byte[] body) {
        return fixture.record("GET", url, null, null, 200,
                List.of(new Header("Content-Type", "application/vsix; api-version=7.2-preview.1")), body);
    }

    private ReplayAnswer answer(String url) {
        return new ReplayResponder(store, new UrlRewriter(new RewriteConfig(RewriteConfig.Mode.NONE, "m", null)),
                Clock.systemUTC()).answer(request("GET", url, null, null));
    }

    private RecordedExchange served(String url) {
        ReplayAnswer.Stored s = assertInstanceOf(ReplayAnswer.Stored.class, answer(url), url);
        return s.exchange();
    }

    @Test
    void theVsixRecordedOnTheCdnIsServedForEveryFormWithTheRightTargetPlatform() {
        RecordedExchange linux = vsix(CDN + VSIX + "?targetPlatform=linux-x64", LINUX_VSIX);
        RecordedExchange win = vsix(CDN + VSIX + "?targetPlatform=win32-x64", WIN_VSIX);
        assertEquals(linux, served(FALLBACK + VSIX + "?redirect=true&targetPlatform=linux-x64&install=true"));
        assertEquals(win, served(FALLBACK + VSIX + "?targetPlatform=win32-x64&update=true"));
        assertEquals(linux, served("https://marketplace.visualstudio.com/_apis/public/gallery/publishers/ms-vscode/"
                + "vsextensions/cpptools/1.20.5/vspackage?targetPlatform=linux-x64"));
        assertEquals("alias", ((ReplayAnswer.Stored) answer(FALLBACK + VSIX + "?targetPlatform=linux-x64")).outcome());
    }

    @Test
    void aPlatformThatWasNeverRecordedIsAnExtensionMiss() {
        vsix(CDN + VSIX + "?targetPlatform=linux-x64", LINUX_VSIX);
        ReplayResponder r = new ReplayResponder(store, new UrlRewriter(new RewriteConfig(RewriteConfig.Mode.NONE, "m", null)),
                Clock.systemUTC());
        ReplayAnswer.Synthesized s = assertInstanceOf(ReplayAnswer.Synthesized.class,
                r.answer(request("GET", FALLBACK + VSIX + "?redirect=true&targetPlatform=darwin-arm64", null, null)));
        assertEquals(404, s.status());
        assertEquals("extension", r.misses().list().get(0).kind());
        assertEquals("ms-vscode.cpptools@1.20.5/darwin-arm64", r.misses().list().get(0).what());
    }

    @Test
    void aRecordedRedirectIsFollowedInsideTheStore() {
        String target = CDN + VSIX; // where the recorded 302 pointed, fetched without a query
        fixture.record("GET", FALLBACK + VSIX + "?redirect=true", null, null, 302,
                List.of(new Header("Location", target)), new byte[0]);
        RecordedExchange file = vsix(target, LINUX_VSIX);
        // the plain fallback form was never asked online: it resolves through the redirect row or the CDN row
        assertEquals(file, served(FALLBACK + VSIX));
        // the exact redirect=true request replays the recorded 302
        ReplayAnswer.Stored redirect = assertInstanceOf(ReplayAnswer.Stored.class, answer(FALLBACK + VSIX + "?redirect=true&install=true"));
        assertEquals(302, redirect.exchange().status());
    }

    @Test
    void theFallbackFormServesTheSignatureRecordedThroughTheAssetUri() {
        String sig = "Microsoft.VisualStudio.Services.VsixSignature";
        RecordedExchange recorded = vsix(CDN + sig, "signature".getBytes(StandardCharsets.UTF_8));
        assertEquals(recorded, served(FALLBACK + sig));
    }

    @Test
    void vspackageLatestTakesTheNewestReleaseFromTheCatalog() {
        String query = "https://marketplace.visualstudio.com/_apis/public/gallery/extensionquery";
        fixture.record("POST", query, null, "{\"filters\":[]}".getBytes(StandardCharsets.UTF_8), 200,
                List.of(new Header("Content-Type", "application/json")),
                StoreFixture.resource("/catalog/query-versions-439.json"));
        RecordedExchange release = vsix(FALLBACK + VSIX + "?targetPlatform=linux-x64", LINUX_VSIX);
        // 1.21.6 is a pre-release: latest means the newest release, 1.20.5
        assertEquals(release, served("https://marketplace.visualstudio.com/_apis/public/gallery/publishers/ms-vscode/"
                + "vsextensions/cpptools/latest/vspackage?targetPlatform=linux-x64"));
    }
}
