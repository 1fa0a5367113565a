package dev.vscmirror.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vscmirror.store.BlobRef;
import dev.vscmirror.store.BlobWriter;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.Families;
import dev.vscmirror.store.Header;
import dev.vscmirror.store.IndexRow;
import dev.vscmirror.store.RecordedExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Builds stores with real-looking exchanges and compares stores. */
public final class TestStores {
    private TestStores() {
    }

    public static RecordedExchange record(ContentStore store, String url, byte[] body, List<IndexRow> derived) {
        BlobRef ref = null;
        if (body.length > 0) {
            try (BlobWriter w = store.newBlob()) {
                w.write(body, 0, body.length);
                ref = w.commit();
            }
        }
        String hostPath = url.substring("https://".length());
        RecordedExchange e = new RecordedExchange("GET " + hostPath + " enc=identity", "GET", url, body.length == 0 ? 204 : 200,
                List.of(new Header("Content-Type", "application/octet-stream"), new Header("ETag", "\"x\"")),
                ref == null ? null : ref.sha256(), body.length, Instant.parse("2026-12-05T06:00:00Z"), "upstream:443", 7);
        store.putExchange(e, derived);
        return e;
    }

    public static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A VSIX download, its manifest, a catalog and an asset row (derived families), as the recorder would write. */
    public static void recordExtension(ContentStore store, String publisher, String name, String version, int vsixSize) {
        String base = "https://" + publisher + ".gallerycdn.vsassets.io/extensions/" + publisher + "/" + name + "/" + version
                + "/1700000000000/";
        byte[] vsix = random((publisher + name + version).hashCode(), vsixSize);
        IndexRow catalog = new IndexRow(Families.CATALOG, text("\u0001" + publisher + "." + name),
                text("{\"version\":\"" + version + "\"}"));
        IndexRow asset = new IndexRow(Families.ASSETS, text("\u0001" + publisher + "." + name + "@" + version),
                text(HexFormat.of().formatHex(vsix, 0, 8)));
        record(store, base + "Microsoft.VisualStudio.Services.VSIXPackage", vsix, List.of(catalog, asset));
        record(store, base + "Microsoft.VisualStudio.Code.Manifest", text("{\"name\":\"" + name + "\",\"version\":\"" + version + "\"}"),
                List.of());
    }

    /** Everything a store holds that an import must carry: exchanges, derived rows, blob bytes. */
    public static Map<String, String> snapshot(Path dataDir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        List<String> digests = new ArrayList<>();
        try (ContentStore store = ContentStore.openReadOnly(dataDir)) {
            store.forEachExchange(e -> {
                out.put("exchange " + e.requestKey(), e.toString());
                if (e.bodySha256() != null) {
                    digests.add(e.bodySha256());
                }
            });
            for (String family : List.of(Families.CATALOG, Families.ASSETS, Families.UPDATES, Families.AUX)) {
                store.scan(family, new byte[0], (k, v) -> out.put(family + " " + HexFormat.of().formatHex(k),
                        HexFormat.of().formatHex(v)));
            }
            for (String d : digests) {
                out.put("blob " + d, HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(store.blobPath(d)))));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    public static void assertSameContent(Path a, Path b) throws IOException {
        assertEquals(snapshot(a), snapshot(b));
    }
}
