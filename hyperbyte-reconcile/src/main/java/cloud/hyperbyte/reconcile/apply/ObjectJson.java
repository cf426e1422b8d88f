package cloud.hyperbyte.reconcile.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Objects as JSON trees, the shape the API server compares and stores. The mapper keeps Jackson 2
 * defaults, as fabric8's own serialization does, so trees match what the client would send.
 */
final class ObjectJson {

  private static final JsonMapper MAPPER = JsonMapper.builderWithJackson2Defaults().build();

  private static final JsonMapper SORTED =
      JsonMapper.builderWithJackson2Defaults().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

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
    return SORTED.writeValueAsString(tree);
  }
}
