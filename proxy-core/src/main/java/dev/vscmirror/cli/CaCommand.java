package dev.vscmirror.cli;

import dev.vscmirror.ca.CertificateAuthority;
import dev.vscmirror.ca.CertificateAuthorityException;
import dev.vscmirror.ca.HostNotAllowedException;
import dev.vscmirror.ca.HostPatterns;
import dev.vscmirror.ca.LeafCertificate;
import dev.vscmirror.ca.LeafCertificateMinter;
import dev.vscmirror.ca.PemFiles;
import dev.vscmirror.config.MirrorConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vscmirror ca}: the mirror's own certificate authority in {@code <dataDir>/ca}. */
@Command(name = "ca", mixinStandardHelpOptions = true,
        description = "Create, inspect and export the mirror's certificate authority; issue a leaf for testing.",
        subcommands = {CaCommand.Init.class, CaCommand.Show.class, CaCommand.Export.class, CaCommand.Issue.class})
public final class CaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: init, show, export or issue");
    }

    /** Shared by the subcommands: configuration, output, failure as exit 1 with one line. */
    abstract static class CaSubcommand implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public final Integer call() throws Exception {
            MirrorConfig config = options.load().config();
            try {
                return run(config, config.dataDir().resolve("ca"), spec.commandLine().getOut());
            } catch (CertificateAuthorityException | HostNotAllowedException | IOException e) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
                spec.commandLine().getErr().flush();
                return 1;
            }
        }

        abstract int run(MirrorConfig config, Path caDir, PrintWriter out) throws Exception;
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Create the CA in <dataDir>/ca (ca.crt, ca.cer, issuing.crt, ca.key).",
                "Fails when one exists, unless --force (clients must then trust the new ca.crt)."})
    static final class Init extends CaSubcommand {
        @Option(names = "--force", description = "Replace an existing CA.")
        boolean force;

        @Override
        int run(MirrorConfig config, Path caDir, PrintWriter out) throws Exception {
            if (CertificateAuthority.exists(caDir) && !force) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": a CA already exists in " + caDir
                        + "; use --force to replace it (every client must then trust the new ca.crt)");
                return 1;
            }
            CertificateAuthority ca = CertificateAuthority.create(caDir, config.ca().permittedDomains());
            out.println("created a new CA in " + caDir);
            describe(ca, out);
            out.println("next: give clients " + caDir.resolve("ca.crt") + " (see ca/README.md)");
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the CA's subject, SHA-256 fingerprint, validity, permitted names and files.")
    static final class Show extends CaSubcommand {
        @Override
        int run(MirrorConfig config, Path caDir, PrintWriter out) throws Exception {
            if (!CertificateAuthority.exists(caDir)) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": no CA in " + caDir
                        + " yet; create one with 'vscmirror ca init'");
                return 1;
            }
            describe(CertificateAuthority.load(caDir), out);
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write the root certificate (what clients trust) as PEM, DER or PKCS#12.",
                "Creates the CA first if there is none."})
    static final class Export extends CaSubcommand {
        enum Format { pem, der, p12 }

        @Option(names = "--format", required = true, paramLabel = "pem|der|p12", description = "Output format.")
        Format format;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file.")
        Path outFile;

        @Option(names = "--p12-password", paramLabel = "PASSWORD", defaultValue = "changeit",
                description = "Password of the PKCS#12 file (default: ${DEFAULT-VALUE}, Java's convention).")
        String p12Password;

        @Override
        int run(MirrorConfig config, Path caDir, PrintWriter out) throws Exception {
            X509Certificate root = CertificateAuthority.loadOrCreate(caDir, config.ca().permittedDomains()).certificate();
            byte[] bytes = switch (format) {
                case pem -> PemFiles.pem(List.of(root)).getBytes(StandardCharsets.US_ASCII);
                case der -> root.getEncoded();
                case p12 -> p12(root, p12Password.toCharArray());
            };
            Files.write(outFile, bytes);
            out.println("wrote " + format + " of " + root.getSubjectX500Principal().getName() + " to " + outFile);
            return 0;
        }

        private static byte[] p12(X509Certificate root, char[] password) throws Exception {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("vscmirror-ca", root);
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
            ks.store(buf, password);
            return buf.toByteArray();
        }
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = {"Mint a leaf for HOST and write its chain (leaf, issuing CA) as PEM.",
                "HOST must be on the configured host list; exit 1 with the reason otherwise."})
    static final class Issue extends CaSubcommand {
        @Parameters(index = "0", paramLabel = "HOST", description = "Host name, e.g. marketplace.visualstudio.com.")
        String host;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Chain PEM file to write.")
        Path outFile;

        @Option(names = "--key-out", paramLabel = "FILE", description = "Also write the leaf's private key (mode 0600).")
        Path keyOut;

        @Override
        int run(MirrorConfig config, Path caDir, PrintWriter out) throws Exception {
            CertificateAuthority ca = CertificateAuthority.loadOrCreate(caDir, config.ca().permittedDomains());
            ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "ca-issue"));
            LeafCertificate leaf;
            try {
                LeafCertificateMinter minter = new LeafCertificateMinter(ca, HostPatterns.of(config.hosts()),
                        config.ca().leafValidity(), executor);
                leaf = minter.leafFor(host).get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof HostNotAllowedException h) {
                    throw h;
                }
                throw e;
            } finally {
                executor.shutdownNow();
            }
            Files.writeString(outFile, PemFiles.pem(leaf.chain()), StandardCharsets.US_ASCII);
            if (keyOut != null) {
                writeOwnerOnly(keyOut, PemFiles.pem(leaf.key()).getBytes(StandardCharsets.US_ASCII));
            }
            out.println("wrote the chain for " + host + " (serial " + leaf.leaf().getSerialNumber().toString(16)
                    + ", expires " + leaf.notAfter() + ") to " + outFile + (keyOut == null ? "" : ", key to " + keyOut));
            return 0;
        }

        private static void writeOwnerOnly(Path file, byte[] bytes) throws IOException {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream o = Files.newOutputStream(file)) {
                o.write(bytes);
            }
        }
    }

    static void describe(CertificateAuthority ca, PrintWriter out) throws Exception {
        X509Certificate root = ca.certificate();
        String fp = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(root.getEncoded()));
        out.println("subject:            " + root.getSubjectX500Principal().getName());
        out.println("sha256 fingerprint: " + fp);
        out.println("valid:              " + root.getNotBefore().toInstant() + " to " + root.getNotAfter().toInstant());
        out.println("permitted names:    " + String.join(", ", ca.permittedDomains()));
        out.println("issuing CA:         " + ca.issuingChain().get(0).getSubjectX500Principal().getName());
        out.println("certificate:        " + ca.caDir().resolve("ca.crt") + " (PEM), " + ca.caDir().resolve("ca.cer") + " (DER)");
        out.println("key:                " + ca.caDir().resolve("ca.key") + " (issuing CA key, owner-only)");
        out.flush();
    }
}
