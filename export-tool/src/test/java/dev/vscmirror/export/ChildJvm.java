package dev.vscmirror.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a JVM with this test's class path (child processes for kill -9 and disk-full tests). */
final class ChildJvm {
    private ChildJvm() {
    }

    static List<String> command(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }

    static String shellQuote(List<String> cmd) {
        StringBuilder sb = new StringBuilder();
        for (String c : cmd) {
            sb.append('\'').append(c.replace("'", "'\\''")).append("' ");
        }
        return sb.toString();
    }
}
