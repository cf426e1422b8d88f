package cloud.hyperbyte.testkit.kube;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stable hash of a pod template, used as the {@code controller-revision-hash} and
 * {@code pod-template-hash} of simulated pods: equal templates give equal hashes whatever the map
 * order, any change gives a new one (the real controllers hash the ControllerRevision data instead,
 * so the values differ from a real cluster's but behave the same).
 */
final class PodTemplateHash {

  private PodTemplateHash() {}

  static String of(PodTemplateSpec template) {
    JsonNode canonical = sorted(Json.mapper().valueToTree(template));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(Json.write(canonical).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
      Collections.sort(entries, Map.Entry.comparingByKey());
      ObjectNode result = JsonNodeFactory.instance.objectNode();
      entries.forEach(e -> result.set(e.getKey(), sorted(e.getValue())));
      return result;
    }
    if (node.isArray()) {
      ArrayNode result = JsonNodeFactory.instance.arrayNode();
      node.forEach(e -> result.add(sorted(e)));
      return result;
    }
    return node;
  }
}
