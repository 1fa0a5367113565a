package dev.vscmirror.catalog;

import dev.vscmirror.store.Header;
import dev.vscmirror.store.IndexRow;
import dev.vscmirror.store.RecordedExchange;
import dev.vscmirror.update.UpdateRows;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rows derived from recorded exchanges (CONTRACTS.md DerivedRows.derive). */
class DerivedRowsTest {
    private static final String SHA = "0".repeat(64);
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private static RecordedExchange exchange(String method, String url, int status, List<Header> headers, long size) {
        return new RecordedExchange("key of " + url, method, url, status, headers, size == 0 ? null : SHA, size, AT,
                "upstream", 1);
    }

    private static List<IndexRow> derive(RecordedExchange ex, byte[] body) {
        return DerivedRows.derive(ex, () -> new ByteArrayInputStream(body));
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void aGzipExtensionQueryAnswerGivesCatalogRowsForEveryExtensionAndVersion() throws IOException {
        byte[] body = gzip(CatalogFixtures.resource("query-versions-439.json"));
        List<IndexRow> rows = derive(exchange("POST", "https://marketplace.visualstudio.com/_apis/public/gallery/extensionquery",
                200, List.of(new Header("Content-Encoding", "gzip")), body.length), body);
        assertTrue(rows.stream().allMatch(r -> r.family().equals("catalog")));
        ExtensionCatalog catalog = new ExtensionCatalog();
        rows.forEach(r -> catalog.apply(r.key(), r.value()));
        assertEquals(2, catalog.index().size());
        assertEquals(8, catalog.index().byId("ms-vscode.cpptools").versions().size());
        assertEquals(6, catalog.index().byId("rust-lang.rust-analyzer").versions().size());
    }

    @Test
    void aLatestApiAnswerGivesTheExtensionsRows() {
        byte[] body = CatalogFixtures.resource("latest-gitlens.json");
        List<IndexRow> rows = derive(exchange("GET",
                "https://marketplace.visualstudio.com/_apis/public/gallery/vscode/eamodio/gitlens/latest", 200, List.of(),
                body.length), body);
        assertEquals(List.of("eamodio.gitlens"), rows.stream().map(r -> CatalogKeys.parts(r.key()).get(0)).distinct().toList());
    }

    @Test
    void failedQueriesAndHugeBodiesGiveNoRows() {
        assertEquals(List.of(), derive(exchange("POST", "https://marketplace.visualstudio.com/_apis/public/gallery/extensionquery",
                429, List.of(), 2), "{}".getBytes()));
        assertEquals(List.of(), derive(exchange("POST", "https://marketplace.visualstudio.com/_apis/public/gallery/extensionquery",
                200, List.of(), DerivedRows.MAX_BODY_BYTES + 1), new byte[0]));
        assertEquals(List.of(), derive(exchange("POST", "https://marketplace.visualstudio.com/_apis/public/gallery/extensionquery",
                200, List.of(), 9), "not json!".getBytes()));
    }

    @Test
    void assetFormsAreKeyedByPublisherNameVersionPlatformTypeAndForm() {
        RecordedExchange ex = exchange("GET", "https://ms-python.gallery.vsassets.io/_apis/public/gallery/publisher/"
                + "ms-python/extension/python/2024.8.0/assetbyname/Microsoft.VisualStudio.Services.VSIXPackage"
                + "?redirect=true&targetPlatform=win32-x64&install=true", 302,
                List.of(new Header("Location", "https://ms-python.gallerycdn.vsassets.io/x")), 0);
        List<IndexRow> rows = derive(ex, new byte[0]);
        assertEquals(1, rows.size());
        assertEquals("assets", rows.get(0).family());
        assertEquals(List.of("ms-python", "python", "2024.8.0", "win32-x64", "microsoft.visualstudio.services.vsixpackage",
                "assetbyname-redirect"), CatalogKeys.parts(rows.get(0).key()));
        assertEquals("https://ms-python.gallerycdn.vsassets.io/x", AssetRows.decode(rows.get(0).value()).location());
    }

    @Test
    void updateAnswersAndBuildFilesGiveUpdateRows() {
        byte[] body = ("{\"url\":\"https://vscode.download.prss.microsoft.com/dbazure/download/stable/"
                + "07f806f999227108933c2e30515b26eecc1fda74/VSCode-darwin-arm64.zip\",\"name\":\"1.140.0\",\"version\":"
                + "\"07f806f999227108933c2e30515b26eecc1fda74\",\"timestamp\":1790759204424}").getBytes();
        List<IndexRow> rows = derive(exchange("GET", "https://update.code.visualstudio.com/api/update/darwin-arm64/stable/abc?bg=true",
                200, List.of(), body.length), body);
        assertEquals(1, rows.size());
        assertEquals(UpdateRows.BUILD, CatalogKeys.type(rows.get(0).key()));
        assertEquals(List.of("darwin-arm64", "stable", "07f806f999227108933c2e30515b26eecc1fda74"),
                CatalogKeys.parts(rows.get(0).key()));
        List<IndexRow> file = derive(exchange("GET", "https://vscode.download.prss.microsoft.com/dbazure/download/stable/"
                + "07f806f999227108933c2e30515b26eecc1fda74/VSCode-darwin-arm64.zip", 200, List.of(), 10), new byte[10]);
        assertEquals(UpdateRows.FILE, CatalogKeys.type(file.get(0).key()));
        List<IndexRow> none = derive(exchange("GET", "https://update.code.visualstudio.com/api/update/linux-x64/stable/abc",
                204, List.of(), 0), new byte[0]);
        assertEquals(UpdateRows.UP_TO_DATE, CatalogKeys.type(none.get(0).key()));
    }

    @Test
    void theControlManifestGetsAPointerRow() {
        List<IndexRow> rows = derive(exchange("GET", "https://main.vscode-cdn.net/extensions/marketplace.json", 200,
                List.of(), 2), "{}".getBytes());
        assertEquals("assets", rows.get(0).family());
        assertEquals(DerivedRows.CONTROL_MANIFEST, CatalogKeys.type(rows.get(0).key()));
    }

    @Test
    void assetUrlFormsParse() {
        AssetRef cdn = AssetUrls.parse("ms-python.gallerycdn.vsassets.io", "/extensions/ms-python/python/2024.8.0/"
                + "1717236000000/Microsoft.VisualStudio.Services.Icons.Default?targetPlatform=linux-x64").orElseThrow();
        assertEquals(new AssetRef("ms-python", "python", "2024.8.0", "linux-x64",
                "microsoft.visualstudio.services.icons.default", AssetRef.Form.CDN), cdn);
        AssetRef unpkg = AssetUrls.parse("ms-python.vscode-unpkg.net", "/ms-python/python/2024.8.0+web/extension/package.json")
                .orElseThrow();
        assertEquals("web", unpkg.targetPlatform());
        assertEquals("unpkg:/extension/package.json", unpkg.assetType());
        assertEquals(AssetRef.Form.VSPACKAGE, AssetUrls.parse("marketplace.visualstudio.com",
                "/_apis/public/gallery/publishers/golang/vsextensions/go/0.41.4/vspackage").orElseThrow().form());
        assertTrue(AssetUrls.parse("marketplace.visualstudio.com", "/_apis/public/gallery/extensionquery").isEmpty());
    }
}
