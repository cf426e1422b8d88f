package cloud.hyperbyte.model.manifest;

import cloud.hyperbyte.model.spec.Problem;
import cloud.hyperbyte.model.spec.Validated;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Manifest text to the Kubernetes objects it holds, as {@code kubectl apply -f} reads a file: YAML
 * with any number of {@code ---} separated documents (empty ones ignored) or JSON objects, and
 * {@code kind: List} expanded into its items. Values become plain Java values: strings, booleans,
 * {@link Integer}, {@link Long}, {@link BigInteger}, {@link Double}, maps with string keys, lists
 * and {@code null}.
 */
public final class ManifestDocuments {

  /** Deepest nesting of objects and lists accepted; the CRD's deepest field is about 15 levels down. */
  public static final int MAX_DEPTH = 100;

  /** Values a manifest may expand to once aliases are resolved (an alias bomb expands to billions). */
  static final int MAX_VALUES = 1_000_000;

  private ManifestDocuments() {}

  /** Every object in {@code input}, or every reason it cannot be read (with line and column). */
  public static Validated<List<ManifestDocument>> parse(String input) {
    Validated<String> text = ManifestText.checkText(input);
    if (!text.isValid()) {
      return Validated.failed(text.problems());
    }
    String body = text.orElseThrow();
    Validated<List<Object>> parsed = isJson(body) ? JsonDocuments.parse(body) : YamlDocuments.parse(body);
    if (!parsed.isValid()) {
      return Validated.failed(parsed.problems());
    }
    List<Object> raw = parsed.orElseThrow().stream().filter(d -> d != null).toList();
    List<Problem> problems = new ArrayList<>();
    List<ManifestDocument> documents = new ArrayList<>();
    int[] budget = {MAX_VALUES};
    for (int i = 0; i < raw.size(); i++) {
      String label = "document " + (i + 1);
      String where = raw.size() > 1 ? " (" + label + ")" : "";
      Object plain = plain(raw.get(i), "", where, problems, budget);
      if (!(plain instanceof Map)) {
        problems.add(Problem.error(ManifestText.INPUT_PATH,
            label + " is " + kindOf(plain) + "; a manifest holds Kubernetes objects (YAML or JSON objects)"));
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> tree = (Map<String, Object>) plain;
      expandList(new ManifestDocument(label, tree), documents, problems);
    }
    if (raw.isEmpty()) {
      problems.add(Problem.error(ManifestText.INPUT_PATH, "holds no object (the manifest is empty)"));
    }
    return problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR)
        ? Validated.failed(problems)
        : Validated.of(documents, problems);
  }

  /** kubectl's own sniffing: a stream whose first character is '{' is JSON, anything else YAML. */
  private static boolean isJson(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c == '{';
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private static void expandList(ManifestDocument document, List<ManifestDocument> out, List<Problem> problems) {
    boolean list = document.kind().equals("List") && document.apiVersion().equals("v1");
    if (!list) {
      out.add(document);
      return;
    }
    if (!(document.tree().get("items") instanceof List<?> items)) {
      problems.add(Problem.error("items", "a v1 List (" + document.label() + ") needs a list of items"));
      return;
    }
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof Map<?, ?> item) {
        out.add(new ManifestDocument(document.label() + ", items[" + i + "]", (Map<String, Object>) item));
      } else {
        problems.add(Problem.error("items[" + i + "]", "must be a Kubernetes object (" + document.label() + ")"));
      }
    }
  }

  /** A copy of a parsed value with string keys and only JSON's kinds of values. */
  private static Object plain(Object value, String path, String where, List<Problem> problems, int[] budget) {
    if (--budget[0] < 0) {
      if (budget[0] == -1) {
        problems.add(Problem.error(ManifestText.INPUT_PATH,
            "expands to more than " + MAX_VALUES + " values once aliases are resolved"));
      }
      return null;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        copy.put(key, plain(entry.getValue(), path.isEmpty() ? key : path + "." + key, where, problems, budget));
      }
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        copy.add(plain(list.get(i), path + "[" + i + "]", where, problems, budget));
      }
      return copy;
    }
    if (value instanceof Double number && !Double.isFinite(number)) {
      problems.add(Problem.error(pathOrRoot(path), "is " + number + ", which JSON cannot carry; use a finite number" + where));
      return value;
    }
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
        || value instanceof Long || value instanceof BigInteger || value instanceof Double) {
      return value;
    }
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    problems.add(Problem.error(pathOrRoot(path), "holds a YAML value JSON cannot carry (" + kindOf(value)
        + "); use a string, number, boolean, list or object" + where));
    return null;
  }

  private static String pathOrRoot(String path) {
    return path.isEmpty() ? ManifestText.INPUT_PATH : path;
  }

  private static String kindOf(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof List) {
      return "a list";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return "the scalar " + value;
    }
    if (value instanceof byte[]) {
      return "binary data";
    }
    if (value instanceof java.util.Set) {
      return "a set";
    }
    return "an unsupported value";
  }
}
