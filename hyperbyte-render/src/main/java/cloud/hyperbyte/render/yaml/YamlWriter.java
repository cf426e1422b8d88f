package cloud.hyperbyte.render.yaml;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Multi-document YAML, byte-identical for equal objects. Map entries are sorted by key (labels,
 * annotations, data, generic resources), so the insertion order of user maps does not leak into the
 * output; properties of typed objects follow the model classes' fixed order. Every string value is
 * double-quoted (fabric8's default): minimised quotes would write {@code y} or {@code NO}
 * unquoted, which YAML 1.1 readers such as kubectl take for booleans.
 */
public final class YamlWriter {

  private static final KubernetesSerialization SORTED =
      new KubernetesSerialization(
          JsonMapper.builderWithJackson2Defaults().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build(), true);

  private YamlWriter() {}

  /** One document per object, each starting with {@code ---}, in the given order. */
  public static String write(List<? extends HasMetadata> objects) {
    StringBuilder out = new StringBuilder();
    for (HasMetadata object : objects) {
      out.append(write(object));
    }
    return out.toString();
  }

  /** One object as a YAML document starting with {@code ---}. */
  public static String write(HasMetadata object) {
    String yaml = SORTED.asYaml(object);
    return yaml.endsWith("\n") ? yaml : yaml + "\n";
  }

  /** Reads YAML written by this class back into objects (round trips, tests). */
  public static <T> T read(String yaml, Class<T> type) {
    return SORTED.unmarshal(yaml, type);
  }
}
