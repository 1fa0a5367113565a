package dev.vscmirror.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests. Every line must be a HELP, TYPE,
 * comment or sample line with valid metric names, label names, label escaping ({@code \\ \" \n} only) and values;
 * a family's TYPE comes before its samples and only once; sample names fit the family's type; no series twice;
 * histogram buckets are cumulative and end with {@code le="+Inf"} equal to {@code _count}.
 */
final class PrometheusTextParser {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample: name, labels (sorted) and value. */
    record Sample(String name, Map<String, String> labels, double value) {}

    private final Map<String, String> types = new HashMap<>();
    private final Set<String> helped = new HashSet<>();
    private final Set<String> seenSeries = new HashSet<>();
    private final List<Sample> samples = new ArrayList<>();

    private PrometheusTextParser() {}

    /** Parses {@code text} or throws IllegalArgumentException naming the line. */
    static List<Sample> parse(String text) {
        PrometheusTextParser p = new PrometheusTextParser();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("exposition does not end with a newline");
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            try {
                p.line(lines[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage() + ": " + lines[i], e);
            }
        }
        p.checkHistograms();
        return p.samples;
    }

    private void line(String line) {
        if (line.isEmpty()) {
            return;
        }
        if (line.startsWith("#")) {
            comment(line);
            return;
        }
        sample(line);
    }

    private void comment(String line) {
        String[] parts = line.split(" ", 4);
        if (parts.length >= 3 && parts[0].equals("#") && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
            String name = parts[2];
            require(METRIC_NAME.matcher(name).matches(), "bad metric name '" + name + "'");
            String rest = parts.length == 4 ? parts[3] : "";
            if (parts[1].equals("HELP")) {
                require(helped.add(name), "second HELP for " + name);
                checkHelpEscapes(rest);
            } else {
                require(TYPES.contains(rest), "unknown type '" + rest + "'");
                require(!types.containsKey(name), "second TYPE for " + name);
                require(samples.stream().noneMatch(s -> family(s.name()).equals(name)), "TYPE after samples");
                types.put(name, rest);
            }
        }
        // any other '#' line is a comment
    }

    private static void checkHelpEscapes(String help) {
        for (int i = 0; i < help.length(); i++) {
            if (help.charAt(i) == '\\') {
                require(i + 1 < help.length() && (help.charAt(i + 1) == '\\' || help.charAt(i + 1) == 'n'),
                        "bad escape in HELP");
                i++;
            }
        }
    }

    private void sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        require(METRIC_NAME.matcher(name).matches(), "bad metric name '" + name + "'");
        Map<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
        }
        require(i < line.length() && line.charAt(i) == ' ', "expected a space before the value");
        String[] rest = line.substring(i + 1).split(" ", -1);
        require(rest.length == 1 || rest.length == 2, "expected 'value [timestamp]'");
        double value = value(rest[0]);
        if (rest.length == 2) {
            require(rest[1].matches("-?\\d+"), "bad timestamp '" + rest[1] + "'");
        }
        checkFamily(name, labels);
        require(seenSeries.add(name + labels), "duplicate series " + name + labels);
        samples.add(new Sample(name, labels, value));
    }

    private static int labels(String line, int i, Map<String, String> labels) {
        while (true) {
            require(i < line.length(), "unterminated label set");
            if (line.charAt(i) == '}') {
                return i + 1;
            }
            int eq = line.indexOf('=', i);
            require(eq > i, "expected label=\"value\"");
            String label = line.substring(i, eq);
            require(LABEL_NAME.matcher(label).matches(), "bad label name '" + label + "'");
            require(eq + 1 < line.length() && line.charAt(eq + 1) == '"', "label value not quoted");
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (true) {
                require(j < line.length(), "unterminated label value");
                char c = line.charAt(j);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    require(j + 1 < line.length(), "dangling backslash");
                    char e = line.charAt(j + 1);
                    require(e == '\\' || e == '"' || e == 'n', "bad escape \\" + e);
                    value.append(e == 'n' ? '\n' : e);
                    j += 2;
                    continue;
                }
                require(c != '\n', "raw newline in label value");
                value.append(c);
                j++;
            }
            require(labels.put(label, value.toString()) == null, "label '" + label + "' twice");
            i = j + 1;
            require(i < line.length(), "unterminated label set");
            if (line.charAt(i) == ',') {
                i++;
            } else {
                require(line.charAt(i) == '}', "expected ',' or '}' after a label");
            }
        }
    }

    private static double value(String text) {
        switch (text) {
            case "+Inf": return Double.POSITIVE_INFINITY;
            case "-Inf": return Double.NEGATIVE_INFINITY;
            case "NaN": return Double.NaN;
            default:
                require(text.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?"), "bad value '" + text + "'");
                return Double.parseDouble(text);
        }
    }

    private void checkFamily(String name, Map<String, String> labels) {
        String family = family(name);
        String type = types.get(family);
        require(type != null, "sample of " + name + " without a TYPE line before it");
        switch (type) {
            case "counter", "gauge", "untyped" -> require(name.equals(family), "sample name does not fit " + type);
            case "histogram" -> {
                require(!name.equals(family), "histogram sample without _bucket/_sum/_count");
                if (name.endsWith("_bucket")) {
                    require(labels.containsKey("le"), "bucket without le");
                }
            }
            default -> { } // summary: name, _sum, _count
        }
    }

    private String family(String name) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                if (types.containsKey(base)) {
                    return base;
                }
            }
        }
        return name;
    }

    private void checkHistograms() {
        Map<String, List<Sample>> buckets = new LinkedHashMap<>();
        Map<String, Double> counts = new HashMap<>();
        for (Sample s : samples) {
            String family = family(s.name());
            if (!"histogram".equals(types.get(family))) {
                continue;
            }
            Map<String, String> rest = new TreeMap<>(s.labels());
            rest.remove("le");
            String series = family + rest;
            if (s.name().endsWith("_bucket")) {
                buckets.computeIfAbsent(series, k -> new ArrayList<>()).add(s);
            } else if (s.name().endsWith("_count")) {
                counts.put(series, s.value());
            }
        }
        require(buckets.keySet().equals(counts.keySet()), "histograms without both buckets and _count");
        buckets.forEach((series, list) -> {
            double previous = -1;
            for (Sample b : list) {
                require(b.value() >= previous, "buckets not cumulative in " + series);
                previous = b.value();
            }
            Sample last = list.get(list.size() - 1);
            require(last.labels().get("le").equals("+Inf"), "last bucket is not le=\"+Inf\" in " + series);
            require(last.value() == counts.get(series), "+Inf bucket differs from _count in " + series);
        });
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
