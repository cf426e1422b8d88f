package cloud.hyperbyte.testkit.kube;

import io.fabric8.kubernetes.client.utils.Serialization;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON and YAML reading with the mock server's own (Jackson 3) mappers. */
final class Json {

  private Json() {}

  static ObjectMapper mapper() {
    return Serialization.jsonMapper();
  }

  static JsonNode parse(String json) {
    return mapper().readTree(json);
  }

  /** Parses an apply-patch body: YAML (a superset of the JSON fabric8 sends). */
  static ObjectNode parseYaml(String yaml) {
    JsonNode node = Serialization.yamlMapper().readTree(yaml);
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalArgumentException("apply body is not an object");
    }
    return object;
  }

  static String write(JsonNode node) {
    return mapper().writeValueAsString(node);
  }
}
