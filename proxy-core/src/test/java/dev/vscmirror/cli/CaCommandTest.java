package dev.vscmirror.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CaCommandTest {
    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cl = VscMirrorCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dir.toString();
        return cl.execute(all);
    }

    private static List<X509Certificate> certs(Path file) throws Exception {
        try (var in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        }
    }

    @Test
    void initCreatesOnceAndForceReplaces() throws Exception {
        assertEquals(0, run("ca", "init"), err.toString());
        assertTrue(out.toString().contains("sha256 fingerprint:"), out.toString());
        byte[] first = Files.readAllBytes(dir.resolve("ca/ca.cer"));
        assertEquals(1, run("ca", "init"));
        assertTrue(err.toString().contains("--force"), err.toString());
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("ca/ca.cer")), "untouched without --force");
        assertEquals(0, run("ca", "init", "--force"), err.toString());
        assertFalse(java.util.Arrays.equals(first, Files.readAllBytes(dir.resolve("ca/ca.cer"))));
    }

    @Test
    void showNeedsACaAndPrintsItsFacts() {
        assertEquals(1, run("ca", "show"));
        assertTrue(err.toString().contains("vscmirror ca init"), err.toString());
        assertEquals(0, run("ca", "init"));
        assertEquals(0, run("ca", "show"), err.toString());
        String s = out.toString();
        assertTrue(s.contains("subject:") && s.contains("sha256 fingerprint:") && s.contains("valid:"), s);
        assertTrue(s.contains("permitted names:") && s.contains("vsassets.io"), s);
    }

    @Test
    void exportWritesPemDerAndP12OfTheRoot() throws Exception {
        assertEquals(0, run("ca", "init"));
        X509Certificate root = certs(dir.resolve("ca/ca.crt")).get(0);
        for (String format : List.of("pem", "der")) {
            Path f = dir.resolve("out." + format);
            assertEquals(0, run("ca", "export", "--format", format, "--out", f.toString()), err.toString());
            assertEquals(root, certs(f).get(0));
        }
        Path p12 = dir.resolve("out.p12");
        assertEquals(0, run("ca", "export", "--format", "p12", "--out", p12.toString()), err.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(new ByteArrayInputStream(Files.readAllBytes(p12)), "changeit".toCharArray());
        assertEquals(root, ks.getCertificate("vscmirror-ca"));
        assertEquals(2, run("ca", "export", "--format", "jks", "--out", p12.toString()));
    }

    @Test
    void issueWritesAChainThatEndsAtTheRoot() throws Exception {
        Path chain = dir.resolve("leaf.pem");
        Path key = dir.resolve("leaf.key");
        assertEquals(0, run("ca", "issue", "marketplace.visualstudio.com", "--out", chain.toString(),
                "--key-out", key.toString()), err.toString());
        List<X509Certificate> certs = certs(chain);
        assertEquals(2, certs.size());
        X509Certificate root = certs(dir.resolve("ca/ca.crt")).get(0);
        certs.get(0).verify(certs.get(1).getPublicKey());
        certs.get(1).verify(root.getPublicKey());
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    }

    @Test
    void issueForADisallowedHostExitsOneWithTheReason() {
        Path chain = dir.resolve("leaf.pem");
        assertEquals(1, run("ca", "issue", "www.example.com", "--out", chain.toString()));
        assertTrue(err.toString().contains("www.example.com") && err.toString().contains("not in the configured host list"),
                err.toString());
        assertFalse(Files.exists(chain));
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : List.of("init", "show", "export", "issue")) {
            assertEquals(0, run("ca", sub, "--help"), sub);
            assertNotEquals("", out.toString());
        }
    }
}
