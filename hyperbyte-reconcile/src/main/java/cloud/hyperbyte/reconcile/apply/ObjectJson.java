package cloud.hyperbyte.reconcile.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Objects as JSON trees, the shape the API server compares and stores. The mapper keeps Jackson 2
 * defaults, as fabric8's own serialization does, so trees match what the client would send.
 */
final class ObjectJson {

  private static final JsonMapper MAPPER = JsonMapper.builderWithJackson2Defaults().build();

  private ObjectJson() {}

  /** A fresh, mutable tree of {@code object}. */
  static ObjectNode tree(HasMetadata object) {
    JsonNode tree = MAPPER.valueToTree(object);
    if (!(tree instanceof ObjectNode objectNode)) {
      throw new IllegalArgumentException("not a JSON object: " + object.getKind());
    }
    return objectNode;
  }

  /** {@code tree} read back as an object of the same class as {@code template}. */
  static <T extends HasMetadata> T toObject(ObjectNode tree, T template) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) template.getClass();
    return MAPPER.treeToValue(tree, type);
  }

  /**
   * Compact JSON with object properties sorted by name at every level: equal trees give equal
   * text whatever order their maps were built in.
   */
  static String canonical(JsonNode tree) {
    return sorted(tree).toString();
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
      entries.sort(Map.Entry.comparingByKey());
      ObjectNode result = JsonNodeFactory.instance.objectNode();
      entries.forEach(e -> result.set(e.getKey(), sorted(e.getValue())));
      return result;
    }
    if (node.isArray()) {
      ArrayNode result = JsonNodeFactory.instance.arrayNode();
      node.values().forEach(v -> result.add(sorted(v)));
      return result;
    }
    return node;
  }
}
