package dev.vscmirror.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vscmirror.config.ConfigDescription;
import dev.vscmirror.config.LoadedConfig;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vscmirror config}: inspect the effective configuration. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Inspect the effective configuration.",
        subcommands = {ConfigCommand.Show.class})
public final class ConfigCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: try 'vscmirror config show'");
    }

    /** {@code vscmirror config show [--json]}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Print every configuration key, its effective value and where it came from",
                "(default, file:PATH, env:NAME or flag:--x). Exit 2 when the configuration is invalid."})
    static final class Show implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Option(names = "--json", description = "Print JSON: {key: {value, source}}.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            LoadedConfig loaded = options.load();
            Map<String, Object> values = ConfigDescription.describe(loaded.config());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> tree = new LinkedHashMap<>();
                values.forEach((k, v) -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("value", v);
                    entry.put("source", loaded.sources().get(k));
                    tree.put(k, entry);
                });
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree));
            } else {
                int width = values.keySet().stream().mapToInt(String::length).max().orElse(10);
                values.forEach((k, v) -> out.printf("%-" + width + "s  %s    [%s]%n", k, ConfigDescription.line(v),
                        loaded.sources().get(k)));
            }
            out.flush();
            return 0;
        }
    }
}
