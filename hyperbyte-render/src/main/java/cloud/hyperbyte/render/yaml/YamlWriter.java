package cloud.hyperbyte.render.yaml;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Multi-document YAML, byte-identical for equal objects. Map entries are sorted by key (labels,
 * annotations, data, generic resources), so the insertion order of user maps does not leak into the
 * output; properties of typed objects follow the model classes' fixed order. Every string value is
 * double-quoted (fabric8's default): minimised quotes would write {@code y} or {@code NO}
 * unquoted, which YAML 1.1 readers such as kubectl take for booleans.
 *
 * <p>The bytes are those of fabric8's {@code KubernetesSerialization.asYaml} with map entries
 * ordered by key; they are made without a Jackson mapper ({@link PlainTree}, then SnakeYAML with
 * fabric8's dump settings and quoting), because building Jackson's serializers was the largest part
 * of a command-line render's start-up.
 */
public final class YamlWriter {

  private static final DumpSettings SETTINGS =
      DumpSettings.builder().setExplicitStart(true).setDefaultFlowStyle(FlowStyle.BLOCK).build();

  private static final PlainTree TREE = new PlainTree(value -> Jackson.SORTED.convertValue(value, Object.class));

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
    return write(object, TREE);
  }

  /** As {@link #write(HasMetadata)}, with the plain tree {@code tree} makes. */
  static String write(HasMetadata object, PlainTree tree) {
    String yaml = new Dump(SETTINGS, new QuotingRepresenter(SETTINGS)).dumpToString(tree.of(object));
    return yaml.endsWith("\n") ? yaml : yaml + "\n";
  }

  /** Reads YAML written by this class back into objects (round trips, tests). */
  public static <T> T read(String yaml, Class<T> type) {
    return Jackson.SORTED.unmarshal(yaml, type);
  }

  /** fabric8's serialization with sorted map entries, built only when a value needs it. */
  static final class Jackson {
    static final KubernetesSerialization SORTED =
        new KubernetesSerialization(
            JsonMapper.builderWithJackson2Defaults().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build(),
            true);

    private Jackson() {}
  }

  /**
   * fabric8's quoting: every string value double-quoted; keys plain, except the one-letter keys
   * {@code y}, {@code Y}, {@code n} and {@code N}, which YAML 1.1 reads as booleans.
   */
  private static final class QuotingRepresenter extends StandardRepresenter {
    private boolean quote = true;

    QuotingRepresenter(DumpSettings settings) {
      super(settings);
    }

    @Override
    protected NodeTuple representMappingEntry(Map.Entry<?, ?> entry) {
      if (entry.getKey() instanceof String key) {
        quote = key.length() == 1 && "yYnN".indexOf(key.charAt(0)) >= 0;
      }
      Node key = representData(entry.getKey());
      quote = true;
      return new NodeTuple(key, representData(entry.getValue()));
    }

    @Override
    protected Node representScalar(Tag tag, String value, ScalarStyle style) {
      ScalarStyle chosen = style;
      if (style == ScalarStyle.PLAIN) {
        chosen = quote && tag == Tag.STR ? ScalarStyle.DOUBLE_QUOTED : defaultScalarStyle;
      }
      return new ScalarNode(tag, value, chosen);
    }
  }
}
