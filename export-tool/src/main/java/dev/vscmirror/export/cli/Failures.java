package dev.vscmirror.export.cli;

import dev.vscmirror.export.bundle.BundleException;
import dev.vscmirror.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** Runs a command body; expected failures become one message on stderr and exit 1 (bad arguments: 2). */
final class Failures {
    private Failures() {
    }

    static int run(CommandLine.Model.CommandSpec spec, Callable<Integer> body) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return body.call();
        } catch (BundleException | StoreException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println(spec.qualifiedName() + ": I/O error: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println(spec.qualifiedName() + ": " + e);
            return 1;
        } finally {
            err.flush();
            spec.commandLine().getOut().flush();
        }
    }

    static String version() {
        String v = Failures.class.getPackage().getImplementationVersion();
        return "vscmirror-export " + (v == null ? "dev" : v);
    }
}
