package dev.vscmirror.ca;

import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

final class CaTestSupport {
    static final List<String> DOMAINS = List.of("code.visualstudio.com", "visualstudio.com", "vscode-cdn.net",
            "vsassets.io", "download.prss.microsoft.com", "vo.msecnd.net", "vscode-unpkg.net");
    static final List<String> HOSTS = List.of("update.code.visualstudio.com", "marketplace.visualstudio.com",
            "main.vscode-cdn.net", "*.gallery.vsassets.io", "*.gallerycdn.vsassets.io");

    private CaTestSupport() {}

    static ExecutorService executor() {
        return Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "test-mint");
            t.setDaemon(true);
            return t;
        });
    }

    /** Java's PKIX validation of {@code chain} (leaf first, no root) against {@code root} as the only anchor. */
    static void pkixValidate(X509Certificate root, List<X509Certificate> chain) throws Exception {
        CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(chain);
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(path, params);
    }
}
