package dev.vscmirror.upstream;

import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/** A test CA playing Microsoft's upstream CA, a leaf for the given names, and the CA as a PEM file. */
public final class TestCa {
    public static final String[] MICROSOFT_NAMES = {"marketplace.visualstudio.com", "*.gallery.vsassets.io",
        "*.gallerycdn.vsassets.io", "update.code.visualstudio.com", "vscode.download.prss.microsoft.com",
        "localhost"};

    private final HeldCertificate ca;
    private final HeldCertificate leaf;

    private TestCa(HeldCertificate ca, HeldCertificate leaf) {
        this.ca = ca;
        this.leaf = leaf;
    }

    public static TestCa forNames(String... names) {
        HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("vscmirror test upstream CA")
                .build();
        HeldCertificate.Builder leaf = new HeldCertificate.Builder().signedBy(ca).commonName(names[0]);
        for (String n : names) {
            leaf.addSubjectAlternativeName(n);
        }
        return new TestCa(ca, leaf.build());
    }

    public static TestCa microsoft() {
        return forNames(MICROSOFT_NAMES);
    }

    /** What the fake upstream presents. */
    public HandshakeCertificates serverCertificates() {
        return new HandshakeCertificates.Builder().heldCertificate(leaf, ca.certificate()).build();
    }

    /** Writes the CA certificate as PEM ({@code upstream.extraCa}). */
    public Path writeCaPem(Path dir) throws IOException {
        return Files.writeString(dir.resolve("upstream-ca.pem"), ca.certificatePem());
    }

    /** An event loop group like the server's: epoll when available. */
    public static EventLoopGroup eventLoops() {
        return dev.vscmirror.record.TestLoops.create(2);
    }
}
