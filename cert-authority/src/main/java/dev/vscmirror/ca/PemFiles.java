package dev.vscmirror.ca;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Reading and writing PEM/DER files of the CA, owner-only where it matters. */
public final class PemFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private PemFiles() {}

    /** PEM text of certificates, in order. */
    public static String pem(List<X509Certificate> certificates) {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : certificates) {
            try {
                sb.append(pem("CERTIFICATE", c.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("cannot encode certificate " + c.getSubjectX500Principal(), e);
            }
        }
        return sb.toString();
    }

    /** PEM text of a PKCS#8 private key. */
    public static String pem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Certificates from a PEM or DER file. */
    static List<X509Certificate> readCertificates(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            List<X509Certificate> out = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (out.isEmpty()) {
                throw new CertificateAuthorityException(file + " holds no certificate (expected: PEM certificates)");
            }
            return out;
        } catch (IOException | CertificateException e) {
            throw new CertificateAuthorityException("cannot read certificate " + file + ": " + e.getMessage(), e);
        }
    }

    /** An EC private key from a PKCS#8 PEM file; refuses a file that others can read. */
    static PrivateKey readPrivateKey(Path file) {
        checkOwnerOnly(file);
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            String base64 = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new CertificateAuthorityException("cannot read CA key " + file + " (expected: an EC private key in "
                    + "PKCS#8 PEM): " + e.getMessage(), e);
        }
    }

    /**
     * A private key readable by group or others is refused: whoever can read it can impersonate every permitted
     * domain to every client that trusts this CA.
     */
    static void checkOwnerOnly(Path file) {
        if (!POSIX) {
            return; // Windows: rely on the data directory's ACL
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> loose = EnumSet.noneOf(PosixFilePermission.class);
            for (PosixFilePermission p : perms) {
                if (!p.name().startsWith("OWNER_")) {
                    loose.add(p);
                }
            }
            if (!loose.isEmpty()) {
                throw new CertificateAuthorityException("refusing CA key " + file + ": its mode is "
                        + PosixFilePermissions.toString(perms) + ", so group or others can access it (expected: owner "
                        + "only, rw-------). Fix with: chmod 600 " + file + " (and consider the key leaked if others "
                        + "could read it: run 'vscmirror ca init --force' and re-distribute ca.crt)");
            }
        } catch (IOException e) {
            throw new CertificateAuthorityException("cannot read the permissions of " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code bytes} to {@code file} atomically (temp file, then rename); owner-only when asked. */
    static void writeAtomically(Path file, byte[] bytes, boolean ownerOnly) {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            if (ownerOnly && POSIX) {
                // created 0600 from the start, so the key is never readable by others, not even briefly
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(tmp);
            }
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CertificateAuthorityException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Creates {@code dir} (and parents) owner-only (0700) if missing. */
    static void createOwnerOnlyDirectory(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                return;
            }
            if (POSIX) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new CertificateAuthorityException("cannot create CA directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
