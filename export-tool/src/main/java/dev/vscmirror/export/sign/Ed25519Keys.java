package dev.vscmirror.export.sign;

import dev.vscmirror.export.bundle.BundleException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * Ed25519 keys and detached signatures (BouncyCastle lightweight API). Keys are PEM files: the private
 * key as PKCS#8 ({@code PRIVATE KEY}, mode 0600), the public key as X.509 SubjectPublicKeyInfo
 * ({@code PUBLIC KEY}), so {@code openssl pkey} can read both. A signature file holds the base64 of the
 * 64-byte signature and a newline.
 */
public final class Ed25519Keys {
    public static final String PRIVATE_FILE = "vscmirror-export.key";
    public static final String PUBLIC_FILE = "vscmirror-export.pub";

    private Ed25519Keys() {
    }

    /** Creates a key pair in {@code dir}; refuses to overwrite. Returns the private key file. */
    public static Path generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path priv = dir.resolve(PRIVATE_FILE);
        Path pub = dir.resolve(PUBLIC_FILE);
        if (Files.exists(priv) || Files.exists(pub)) {
            throw new BundleException("refusing to overwrite the key pair in " + dir + "; choose another --out");
        }
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
        Files.createFile(priv, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(priv, pem("PRIVATE KEY", PrivateKeyInfoFactory.createPrivateKeyInfo(key).getEncoded()));
        Files.writeString(pub, pem("PUBLIC KEY",
                SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key.generatePublicKey()).getEncoded()));
        return priv;
    }

    public static Ed25519PrivateKeyParameters readPrivate(Path file) {
        AsymmetricKeyParameter k;
        try {
            k = PrivateKeyFactory.createKey(unpem(file, "PRIVATE KEY"));
        } catch (IOException | RuntimeException e) {
            throw new BundleException("cannot read Ed25519 private key " + file + ": " + e.getMessage(), e);
        }
        if (k instanceof Ed25519PrivateKeyParameters p) {
            return p;
        }
        throw new BundleException(file + " is not an Ed25519 private key");
    }

    public static Ed25519PublicKeyParameters readPublic(Path file) {
        AsymmetricKeyParameter k;
        try {
            k = PublicKeyFactory.createKey(unpem(file, "PUBLIC KEY"));
        } catch (IOException | RuntimeException e) {
            throw new BundleException("cannot read Ed25519 public key " + file + ": " + e.getMessage(), e);
        }
        if (k instanceof Ed25519PublicKeyParameters p) {
            return p;
        }
        throw new BundleException(file + " is not an Ed25519 public key");
    }

    /** The signature file's text for {@code message}. */
    public static String sign(byte[] message, Ed25519PrivateKeyParameters key) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return Base64.getEncoder().encodeToString(signer.generateSignature()) + "\n";
    }

    /** True when {@code signatureText} (a signature file's text) is a valid signature of {@code message}. */
    public static boolean verify(byte[] message, String signatureText, Ed25519PublicKeyParameters key) {
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signatureText.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(sig);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(Path file, String type) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN " + type + "-----");
        int end = text.indexOf("-----END " + type + "-----");
        if (begin < 0 || end < begin) {
            throw new IOException("no " + type + " PEM block");
        }
        String body = text.substring(begin + ("-----BEGIN " + type + "-----").length(), end);
        return Base64.getMimeDecoder().decode(body);
    }
}
