package dev.vscmirror.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Request samples from shared/reference/vscode-protocol.md (§2.1, §3.1, §5.1, §6.2). */
class RequestKeyTest {
    private static final String MARKET = "marketplace.visualstudio.com";
    private static final String QUERY_PATH = "/_apis/public/gallery/extensionquery";
    private static final String COMMIT = "8795a9889db74563ddd43eb0a897a2384129a619";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void updateCheckIgnoresBgAndU() {
        // protocol §5.1: GET {updateUrl}/api/update/{platform}/{quality}/{commit}?bg=true&u=<internalOrg|none>
        RequestKey background = RequestKey.of("GET", "update.code.visualstudio.com",
                "/api/update/darwin-arm64/stable/" + COMMIT + "?bg=true&u=none", null, null);
        RequestKey explicit = RequestKey.of("GET", "update.code.visualstudio.com",
                "/api/update/darwin-arm64/stable/" + COMMIT + "?u=none", null, null);
        RequestKey bare = RequestKey.of("GET", "update.code.visualstudio.com",
                "/api/update/darwin-arm64/stable/" + COMMIT, null, null);
        assertEquals(bare, background);
        assertEquals(bare, explicit);
        assertEquals("GET update.code.visualstudio.com/api/update/darwin-arm64/stable/" + COMMIT + " enc=identity",
                bare.value());
        assertFalse(bare.isExtensionQuery());
    }

    @Test
    void updateCheckKeepsPlatformAndQuality() {
        RequestKey a = RequestKey.of("GET", "update.code.visualstudio.com",
                "/api/update/win32-x64-archive/stable/" + COMMIT + "?u=none", null, null);
        RequestKey b = RequestKey.of("GET", "update.code.visualstudio.com",
                "/api/update/win32-x64-archive/insider/" + COMMIT + "?u=none", null, null);
        assertNotEquals(a, b);
    }

    @Test
    void extensionQueryBodiesDifferingInKeyOrderWhitespaceAndCriteriaOrderShareAKey() {
        // protocol §2.1: criteria order follows the caller's list; Target and ExcludeWithFlags appended last
        String body1 = "{\"filters\":[{\"criteria\":[{\"filterType\":7,\"value\":\"ms-python.python\"},"
                + "{\"filterType\":7,\"value\":\"golang.go\"},{\"filterType\":8,\"value\":\"Microsoft.VisualStudio.Code\"},"
                + "{\"filterType\":12,\"value\":\"4096\"}],\"pageNumber\":1,\"pageSize\":50,\"sortBy\":0,\"sortOrder\":0}],"
                + "\"assetTypes\":[],\"flags\":950}";
        String body2 = "{ \"flags\": 950, \"assetTypes\": [ ],\n  \"filters\": [ { \"sortOrder\": 0, \"sortBy\": 0,"
                + " \"pageSize\": 50, \"pageNumber\": 1, \"criteria\": [\n"
                + "  {\"value\":\"4096\",\"filterType\":12}, {\"value\":\"golang.go\",\"filterType\":7},\n"
                + "  {\"filterType\":8,\"value\":\"Microsoft.VisualStudio.Code\"}, {\"value\":\"ms-python.python\",\"filterType\":7} ] } ] }";
        RequestKey k1 = RequestKey.of("POST", MARKET, QUERY_PATH, "gzip", utf8(body1));
        RequestKey k2 = RequestKey.of("post", "Marketplace.VisualStudio.com", QUERY_PATH, "gzip", utf8(body2));
        assertEquals(k1, k2);
        assertTrue(k1.isExtensionQuery());
        assertTrue(k1.value().startsWith("POST " + MARKET + QUERY_PATH + " enc=gzip body="), k1.value());
    }

    @Test
    void extensionQueryKeyChangesWithFlagsPageOrCriteriaValues() {
        String template = "{\"filters\":[{\"criteria\":[{\"filterType\":10,\"value\":\"%s\"},"
                + "{\"filterType\":8,\"value\":\"Microsoft.VisualStudio.Code\"}],\"pageNumber\":%d,\"pageSize\":50,"
                + "\"sortOrder\":0}],\"assetTypes\":[],\"flags\":%d}";
        RequestKey base = RequestKey.of("POST", MARKET, QUERY_PATH, "gzip", utf8(template.formatted("python", 1, 950)));
        assertNotEquals(base, RequestKey.of("POST", MARKET, QUERY_PATH, "gzip", utf8(template.formatted("python", 1, 439))));
        assertNotEquals(base, RequestKey.of("POST", MARKET, QUERY_PATH, "gzip", utf8(template.formatted("python", 2, 950))));
        assertNotEquals(base, RequestKey.of("POST", MARKET, QUERY_PATH, "gzip", utf8(template.formatted("go", 1, 950))));
    }

    @Test
    void vsixDownloadWithInstallOrUpdateShareAKey() {
        // protocol §3.1/§3.3: download() appends install=true or update=true
        String base = "/_apis/public/gallery/publisher/ms-python/extension/python/2024.1.0/assetbyname/"
                + "Microsoft.VisualStudio.Services.VSIXPackage?redirect=true&targetPlatform=win32-x64";
        String host = "ms-python.gallery.vsassets.io";
        RequestKey install = RequestKey.of("GET", host, base + "&install=true", null, null);
        RequestKey update = RequestKey.of("GET", host, base + "&update=true", null, null);
        RequestKey plain = RequestKey.of("GET", host, base, null, null);
        assertEquals(install, update);
        assertEquals(plain, install);
        assertTrue(install.value().contains("?redirect=true&targetPlatform=win32-x64 "), install.value());
    }

    @Test
    void queryParametersAreSorted() {
        String host = "ms-python.gallery.vsassets.io";
        String path = "/_apis/public/gallery/publisher/ms-python/extension/python/2024.1.0/assetbyname/"
                + "Microsoft.VisualStudio.Services.VSIXPackage";
        assertEquals(RequestKey.of("GET", host, path + "?targetPlatform=win32-x64&redirect=true", null, null),
                RequestKey.of("GET", host, path + "?redirect=true&targetPlatform=win32-x64", null, null));
        assertNotEquals(RequestKey.of("GET", host, path + "?targetPlatform=win32-x64", null, null),
                RequestKey.of("GET", host, path + "?targetPlatform=linux-x64", null, null));
    }

    @Test
    void acceptEncodingMattersOnlyAsGzipOrIdentity() {
        // protocol §6.2: Node decodes only gzip; Chromium may add br
        String path = "/_apis/public/gallery/vscode/ms-python/python/latest";
        RequestKey gzip = RequestKey.of("GET", MARKET, path, "gzip", null);
        RequestKey chromium = RequestKey.of("GET", MARKET, path, "gzip, deflate, br", null);
        RequestKey brOnly = RequestKey.of("GET", MARKET, path, "br", null);
        RequestKey none = RequestKey.of("GET", MARKET, path, null, null);
        RequestKey refused = RequestKey.of("GET", MARKET, path, "gzip;q=0, identity", null);
        assertEquals(gzip, chromium);
        assertEquals(none, brOnly);
        assertEquals(none, refused);
        assertNotEquals(gzip, brOnly);
        assertTrue(gzip.value().endsWith(" enc=gzip"));
        assertTrue(brOnly.value().endsWith(" enc=identity"));
    }

    @Test
    void otherPostBodiesAreHashedAndUnparsableQueryBodiesStillKeyed() {
        RequestKey a = RequestKey.of("POST", MARKET, "/_apis/other", null, utf8("a"));
        RequestKey b = RequestKey.of("POST", MARKET, "/_apis/other", null, utf8("b"));
        assertNotEquals(a, b);
        RequestKey broken = RequestKey.of("POST", MARKET, QUERY_PATH, "gzip", utf8("{not json"));
        assertEquals(broken, RequestKey.of("POST", MARKET, QUERY_PATH, "gzip", utf8("{not json")));
        assertTrue(broken.value().contains(" body="));
    }

    @Test
    void getBodiesTakeNoPart() {
        assertEquals(RequestKey.of("GET", MARKET, "/x", null, utf8("ignored")), RequestKey.of("GET", MARKET, "/x", null, null));
    }

    @Test
    void pathMustBeOriginForm() {
        assertThrows(IllegalArgumentException.class, () -> RequestKey.of("GET", MARKET, "x", null, null));
    }
}
