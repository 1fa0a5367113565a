package dev.vscmirror.export.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vscmirror.export.inspect.BundleInventory;
import dev.vscmirror.export.transfer.Progress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "List what a bundle holds: extensions, VS Code builds, other files, sizes (does not verify).")
final class InspectCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE_DIR")
    Path bundle;

    @Option(names = "--json", description = "JSON for scripts.")
    boolean json;

    @Override
    public Integer call() {
        return Failures.run(spec, () -> {
            PrintWriter out = spec.commandLine().getOut();
            ObjectNode inv = BundleInventory.of(bundle);
            if (json) {
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(inv));
                return 0;
            }
            out.printf("bundle %s: store %s, sequences %d..%d, created %s%s%s%n", bundle, inv.path("storeId").asText(),
                    inv.path("sinceSequence").asLong() + 1, inv.path("toSequence").asLong(), inv.path("created").asText(),
                    inv.path("signed").asBoolean() ? ", signed" : ", unsigned", inv.path("partial").asBoolean() ? ", partial" : "");
            out.printf("%d exchanges, %d blobs carried (%s), %d expected from earlier bundles%n", inv.path("exchanges").asLong(),
                    inv.path("blobsCarried").asLong(), Progress.human(inv.path("blobBytesCarried").asLong()),
                    inv.path("blobsExpected").asLong());
            out.printf("Extensions (%d):%n", inv.path("extensions").size());
            for (JsonNode e : inv.path("extensions")) {
                for (JsonNode v : e.path("versions")) {
                    List<String> platforms = new ArrayList<>();
                    v.path("platforms").forEach(p -> platforms.add(p.asText()));
                    out.printf("  %-40s %-16s %-30s %s%n", e.path("id").asText(), v.path("version").asText(),
                            String.join(",", platforms), Progress.human(v.path("bytes").asLong()));
                }
            }
            out.printf("VS Code builds (%d):%n", inv.path("builds").size());
            for (JsonNode b : inv.path("builds")) {
                out.printf("  %-8s %s %-40s %s%n", b.path("quality").asText(), b.path("commit").asText(),
                        b.path("file").asText(), Progress.human(b.path("bytes").asLong()));
            }
            out.printf("Update answers (%d):%n", inv.path("updateAnswers").size());
            for (JsonNode u : inv.path("updateAnswers")) {
                out.printf("  %-24s %-8s %s%n", u.path("platform").asText(), u.path("quality").asText(),
                        u.path("version").asText("?"));
            }
            out.println("Other files:");
            for (JsonNode o : inv.path("otherFiles")) {
                out.printf("  %-45s %6d exchanges %s%n", o.path("host").asText(), o.path("exchanges").asLong(),
                        Progress.human(o.path("bytes").asLong()));
            }
            return 0;
        });
    }
}
