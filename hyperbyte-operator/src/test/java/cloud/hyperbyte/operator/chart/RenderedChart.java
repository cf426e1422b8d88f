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
}
