package cloud.hyperbyte.operator.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The multi-document YAML of one {@code helm template} run, and the objects in it. */
record RenderedChart(String yaml, List<Map<String, Object>> objects) {

  RenderedChart(String yaml) {
    this(yaml, parse(yaml));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> parse(String yaml) {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(yaml)) {
      if (document != null) {
        objects.add((Map<String, Object>) document);
      }
    }
    return List.copyOf(objects);
  }

  List<Map<String, Object>> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
  }

  Map<String, Object> one(String kind, String name) {
    return objects.stream()
        .filter(o -> kind.equals(o.get("kind")) && name.equals(metadata(o).get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in the rendered chart"));
  }

  List<String> kindsAndNames() {
    return objects.stream().map(o -> o.get("kind") + "/" + metadata(o).get("name")).toList();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> metadata(Map<String, Object> object) {
    return (Map<String, Object>) Objects.requireNonNull(object.get("metadata"), "metadata");
  }

  /** The value at a dotted path ({@code spec.template.spec}); list elements by index ({@code containers.0}). */
  static Object at(Map<String, Object> object, String path) {
    Object current = object;
    for (String key : path.split("\\.")) {
      if (current instanceof Map<?, ?> map) {
        current = map.get(key);
      } else if (current instanceof List<?> list) {
        current = list.get(Integer.parseInt(key));
      } else {
        throw new AssertionError("no " + path + " in " + object.get("kind") + " " + metadata(object).get("name"));
      }
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> mapAt(Map<String, Object> object, String path) {
    return (Map<String, Object>) at(object, path);
  }

  @SuppressWarnings("unchecked")
  static List<Object> listAt(Map<String, Object> object, String path) {
    return (List<Object>) at(object, path);
  }
}
