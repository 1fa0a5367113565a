package dev.vscmirror.replay;

import dev.vscmirror.config.RewriteConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UrlRewriterTest {
    private static final String QUERY_ANSWER = "{\"results\":[{\"extensions\":[{\"extensionName\":\"python\","
            + "\"versions\":[{\"version\":\"2024.1.0\",\"files\":[{\"assetType\":\"Microsoft.VisualStudio.Services.VSIXPackage\","
            + "\"source\":\"https://ms-python.gallerycdn.vsassets.io/extensions/ms-python/python/2024.1.0/1700000000000/Microsoft.VisualStudio.Services.VSIXPackage\"}],"
            + "\"properties\":[{\"key\":\"Microsoft.VisualStudio.Services.Links.Source\",\"value\":\"https://github.com/microsoft/vscode-python\"}],"
            + "\"assetUri\":\"https://ms-python.gallerycdn.vsassets.io/extensions/ms-python/python/2024.1.0/1700000000000\","
            + "\"fallbackAssetUri\":\"https://ms-python.gallery.vsassets.io/_apis/public/gallery/publisher/ms-python/extension/python/2024.1.0/assetbyname\"}],"
            + "\"statistics\":[{\"statisticName\":\"install\",\"value\":1.2345678E8}]}]}]}";

    private static UrlRewriter mirrorHosts() {
        return new UrlRewriter(new RewriteConfig(RewriteConfig.Mode.MIRROR_HOSTS, "marketplace.visualstudio.com", null));
    }

    @Test
    void noneModeIsInactiveAndReturnsTheSameBytes() {
        UrlRewriter rewriter = new UrlRewriter(new RewriteConfig(RewriteConfig.Mode.NONE, "marketplace.visualstudio.com", null));
        byte[] body = QUERY_ANSWER.getBytes(StandardCharsets.UTF_8);
        assertFalse(rewriter.active());
        assertSame(body, rewriter.rewriteJson("marketplace.visualstudio.com", body));
        assertEquals("https://a.example/x", rewriter.rewriteLocation("https://a.example/x"));
    }

    @Test
    void mirrorHostsRewritesAssetUrisAndFileSourcesButNotPropertiesOrNumbers() {
        String out = new String(mirrorHosts().rewriteJson("marketplace.visualstudio.com",
                QUERY_ANSWER.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        String expected = QUERY_ANSWER
                .replace("https://ms-python.gallerycdn.vsassets.io/",
                        "https://marketplace.visualstudio.com/_vscmirror/ms-python.gallerycdn.vsassets.io/")
                .replace("https://ms-python.gallery.vsassets.io/",
                        "https://marketplace.visualstudio.com/_vscmirror/ms-python.gallery.vsassets.io/");
        assertEquals(expected, out);
        assertTrue(out.contains("\"value\":\"https://github.com/microsoft/vscode-python\""), out);
        assertTrue(out.contains("1.2345678E8"), "numbers keep their recorded form: " + out);
    }

    @Test
    void rewritingTwiceChangesNothingMore() {
        UrlRewriter rewriter = mirrorHosts();
        byte[] once = rewriter.rewriteJson("h", QUERY_ANSWER.getBytes(StandardCharsets.UTF_8));
        assertEquals(new String(once, StandardCharsets.UTF_8),
                new String(rewriter.rewriteJson("h", once), StandardCharsets.UTF_8));
    }

    @Test
    void updateUrlAndLocationAreRewrittenTowardsThePublicUrl() {
        UrlRewriter rewriter = new UrlRewriter(new RewriteConfig(RewriteConfig.Mode.BASE_URL, null,
                URI.create("https://mirror.example/vsc/")));
        String update = "{\"url\":\"https://vscode.download.prss.microsoft.com/dbazure/download/stable/abc/VSCode-darwin-arm64.zip\",\"timestamp\":1790759204424}";
        assertEquals("{\"url\":\"https://mirror.example/vsc/_vscmirror/vscode.download.prss.microsoft.com/dbazure/download/stable/abc/VSCode-darwin-arm64.zip\",\"timestamp\":1790759204424}",
                new String(rewriter.rewriteJson("update.code.visualstudio.com", update.getBytes(StandardCharsets.UTF_8)),
                        StandardCharsets.UTF_8));
        assertEquals("https://mirror.example/vsc/_vscmirror/update.code.visualstudio.com/commit:abc/server-linux-x64/stable?x=1",
                rewriter.rewriteLocation("https://update.code.visualstudio.com/commit:abc/server-linux-x64/stable?x=1"));
        assertEquals("/relative/path", rewriter.rewriteLocation("/relative/path"));
    }

    @Test
    void unwrapReversesBothForms() {
        assertEquals(Optional.of(new Unwrapped("ms-python.gallerycdn.vsassets.io", "/extensions/a/b?targetPlatform=x")),
                mirrorHosts().unwrap("marketplace.visualstudio.com",
                        "/_vscmirror/MS-Python.gallerycdn.vsassets.io/extensions/a/b?targetPlatform=x"));
        UrlRewriter base = new UrlRewriter(new RewriteConfig(RewriteConfig.Mode.BASE_URL, null,
                URI.create("https://mirror.example/vsc")));
        assertEquals(Optional.of(new Unwrapped("update.code.visualstudio.com", "/api/update/linux-x64/stable/abc")),
                base.unwrap("mirror.example", "/vsc/_vscmirror/update.code.visualstudio.com/api/update/linux-x64/stable/abc"));
        assertEquals(Optional.empty(), base.unwrap("mirror.example", "/api/update/linux-x64/stable/abc"));
        assertEquals(Optional.empty(), base.unwrap("mirror.example", "/_vscmirror/bad host!/x"));
    }

    @Test
    void notJsonIsReturnedUnchanged() {
        byte[] zip = {0x50, 0x4b, 0x03, 0x04, 1, 2, 3};
        assertSame(zip, mirrorHosts().rewriteJson("h", zip));
    }

    @Test
    void baseUrlWithoutPublicUrlIsRefusedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new UrlRewriter(new RewriteConfig(RewriteConfig.Mode.BASE_URL, null, null)));
        assertTrue(e.getMessage().contains("rewrite.publicUrl"), e.getMessage());
    }
}
