package dev.vscmirror.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the effective configuration: defaults, then a YAML or JSON file, then {@code VSCMIRROR_*} environment
 * variables, then command-line flags; each later layer replaces a key's value, except that the flags for
 * {@code hosts} and {@code upstream.overrides} add to the list. Unknown keys are errors. Every problem found is
 * reported at once in a {@link ConfigException}.
 */
public final class ConfigLoader {
    /** The environment variable naming a config file; the CLI reads it, the loader skips it. */
    public static final String CONFIG_FILE_ENV = "VSCMIRROR_CONFIG";

    private static final String ENV_PREFIX = "VSCMIRROR_";

    /** A raw value ({@code String}, {@code List<String>} or null for unset) and where it came from. */
    record Raw(Object value, String source) {}

    private final Map<String, Raw> values = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private ConfigLoader() {}

    /**
     * Loads and validates the configuration.
     *
     * @param configFileOrNull a {@code .yaml}/{@code .yml} or {@code .json} file, or null for none
     * @param env              the environment (usually {@code System.getenv()}); {@code XDG_DATA_HOME} and
     *                         {@code HOME} pick the default data directory, {@code VSCMIRROR_*} set keys
     * @param flagValues       key path ({@code dataDir}, {@code listeners.tls}, ...) to the flag's value; list
     *                         values are comma-separated
     * @throws ConfigException listing every problem found
     */
    public static LoadedConfig load(Path configFileOrNull, Map<String, String> env, Map<String, String> flagValues) {
        ConfigLoader loader = new ConfigLoader();
        loader.defaults(env);
        if (configFileOrNull != null) {
            loader.file(configFileOrNull);
        }
        loader.env(env);
        loader.flags(flagValues);
        ConfigBinder binder = new ConfigBinder(loader.values, loader.problems);
        MirrorConfig config = binder.bind();
        if (!loader.problems.isEmpty()) {
            throw new ConfigException(loader.problems);
        }
        Map<String, String> sources = new LinkedHashMap<>();
        loader.values.forEach((k, raw) -> sources.put(k, raw.source()));
        return new LoadedConfig(config, sources);
    }

    private void defaults(Map<String, String> env) {
        for (ConfigKeys.Key key : ConfigKeys.all()) {
            values.put(key.path(), new Raw(key.defaultValue(), "default"));
        }
        values.put("dataDir", new Raw(defaultDataDir(env).toString(), "default"));
    }

    /** {@code $XDG_DATA_HOME/vscmirror}, else {@code ~/.local/share/vscmirror}. */
    static Path defaultDataDir(Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "vscmirror");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".local", "share", "vscmirror");
    }

    private void file(Path file) {
        String source = "file:" + file;
        if (!Files.isRegularFile(file)) {
            problems.add("config file " + file + " does not exist (expected: a readable YAML or JSON file)");
            return;
        }
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        JsonNode root;
        try {
            ObjectMapper mapper = json ? new ObjectMapper() : new YAMLMapper();
            mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION); // a key given twice is a mistake
            root = mapper.readTree(Files.readString(file));
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            problems.add("config file " + file + " is not valid " + (json ? "JSON" : "YAML") + ": "
                    + e.getOriginalMessage() + where);
            return;
        } catch (IOException e) {
            problems.add("config file " + file + " cannot be read: " + e + " (expected: a readable YAML or JSON file)");
            return;
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return; // an empty file sets nothing
        }
        if (!root.isObject()) {
            problems.add("config file " + file + ": the top level is a " + root.getNodeType().toString().toLowerCase(Locale.ROOT)
                    + " (expected: a mapping of keys such as mode, hosts, listeners)");
            return;
        }
        walk(root, "", source);
    }

    private void walk(JsonNode object, String prefix, String source) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = prefix + field.getKey();
            JsonNode node = field.getValue();
            ConfigKeys.Key key = ConfigKeys.byPath(path).orElse(null);
            if (key != null) {
                fileValue(key, node, source);
            } else if (ConfigKeys.isSection(path)) {
                if (node.isObject()) {
                    walk(node, path + ".", source);
                } else if (!node.isNull()) {
                    problems.add(path + " (from " + source + ") is a single value: expected a section with keys "
                            + sectionKeys(path));
                }
            } else {
                problems.add("unknown key '" + path + "' (from " + source + ")"
                        + ConfigKeys.didYouMean(path, ConfigKeys.pathsAndSections()));
            }
        }
    }

    private void fileValue(ConfigKeys.Key key, JsonNode node, String source) {
        if (node.isNull()) {
            values.put(key.path(), new Raw(key.list() ? List.of() : null, source));
        } else if (key.list() && node.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isValueNode()) {
                    problems.add(key.path() + " (from " + source + ") has an item that is not a single value: "
                            + item + " (expected: a list of plain values)");
                    return;
                }
                items.add(item.asText());
            }
            values.put(key.path(), new Raw(items, source));
        } else if (node.isValueNode()) {
            values.put(key.path(), new Raw(key.list() ? splitList(node.asText()) : node.asText(), source));
        } else {
            problems.add(key.path() + " (from " + source + ") = " + node + ": expected "
                    + (key.list() ? "a list" : "a single value"));
        }
    }

    /**
     * {@code VSCMIRROR_*} variables set keys. An unknown one is an error when it is meant for the configuration:
     * it starts like a key ({@code VSCMIRROR_LISTENERS_TSL}) or is a near miss ({@code VSCMIRROR_DATADIR}).
     * Others share the prefix for other tools and are left alone ({@code VSCMIRROR_EXPORT_DIR} of the export
     * service, {@code VSCMIRROR_ACCEPTANCE_*} of the test suite, {@code VSCMIRROR_CONFIG}).
     */
    private void env(Map<String, String> env) {
        List<String> suffixes = ConfigKeys.all().stream().map(k -> k.envName().substring(ENV_PREFIX.length())).toList();
        List<String> firstWords = suffixes.stream().map(ConfigLoader::firstWord).distinct().toList();
        env.entrySet().stream().filter(e -> e.getKey().startsWith(ENV_PREFIX))
                .filter(e -> !e.getKey().equals(CONFIG_FILE_ENV))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> {
                    ConfigKeys.Key key = ConfigKeys.byEnvName(e.getKey()).orElse(null);
                    if (key != null) {
                        values.put(key.path(), new Raw(textValue(key, e.getValue()), "env:" + e.getKey()));
                        return;
                    }
                    String suffix = e.getKey().substring(ENV_PREFIX.length());
                    Optional<String> near = ConfigKeys.closest(suffix, suffixes);
                    if (near.isPresent() || firstWords.contains(firstWord(suffix))) {
                        problems.add("unknown environment variable " + e.getKey()
                                + near.map(c -> " (did you mean '" + ENV_PREFIX + c + "'?)").orElse(
                                        " (expected one of the VSCMIRROR_ names of the configuration keys)"));
                    }
                });
    }

    private static String firstWord(String envSuffix) {
        int underscore = envSuffix.indexOf('_');
        return underscore < 0 ? envSuffix : envSuffix.substring(0, underscore);
    }

    private void flags(Map<String, String> flagValues) {
        flagValues.forEach((path, value) -> {
            ConfigKeys.Key key = ConfigKeys.byPath(path).orElse(null);
            if (key == null) {
                problems.add("unknown key '" + path + "' (from flags)" + ConfigKeys.didYouMean(path, ConfigKeys.pathsAndSections()));
                return;
            }
            String source = "flag:" + (key.flag() != null ? key.flag() : "--" + path);
            Object v = textValue(key, value);
            if (path.equals("hosts") || path.equals("upstream.overrides")) {
                v = additive(path, (List<?>) v);
            }
            values.put(path, new Raw(v, source));
        });
    }

    /** {@code --host} adds to the list; {@code --upstream-override} adds in front so that it wins (first match). */
    private List<String> additive(String path, List<?> added) {
        Object current = values.get(path).value();
        List<String> merged = new ArrayList<>();
        List<String> existing = current instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        List<String> flags = added.stream().map(String::valueOf).toList();
        if (path.equals("hosts")) {
            merged.addAll(existing);
            flags.stream().filter(h -> !merged.contains(h)).forEach(merged::add);
        } else {
            merged.addAll(flags);
            merged.addAll(existing);
        }
        return merged;
    }

    private static Object textValue(ConfigKeys.Key key, String text) {
        if (key.list()) {
            return splitList(text);
        }
        return text == null || text.isEmpty() ? null : text;
    }

    private static List<String> splitList(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    private static String sectionKeys(String section) {
        return String.join(", ", ConfigKeys.all().stream().map(ConfigKeys.Key::path)
                .filter(p -> p.startsWith(section + ".")).map(p -> p.substring(section.length() + 1)).toList());
    }
}
