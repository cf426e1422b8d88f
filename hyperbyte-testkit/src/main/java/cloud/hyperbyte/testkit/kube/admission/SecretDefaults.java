package cloud.hyperbyte.testkit.kube.admission;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the server does to every Secret it stores before validation: {@code type} defaults to
 * {@code Opaque} ({@code SetDefaults_Secret}, {@code pkg/apis/core/v1/defaults.go}) and
 * {@code stringData} is merged into {@code data}, winning over equal keys, and dropped
 * ({@code Convert_v1_Secret_To_core_Secret}, {@code pkg/apis/core/v1/conversion.go}). A stored
 * Secret therefore never has {@code stringData}, and a write that omits {@code type} means
 * {@code Opaque}, which {@link ImmutableDataRule} refuses for a Secret of another type.
 */
final class SecretDefaults implements AdmissionStep {

  @Override
  public AdmissionResult admit(AdmissionRequest request) {
    if (request.toStatus() || !request.group().isEmpty() || !request.resource().equals("secrets")) {
      return AdmissionResult.admit(request.object());
    }
    ObjectNode secret = request.object();
    if (secret.path("type").asString("").isEmpty()) {
      secret.put("type", "Opaque");
    }
    JsonNode stringData = secret.remove("stringData");
    if (stringData != null && stringData.isObject() && !stringData.isEmpty()) {
      ObjectNode data = secret.get("data") instanceof ObjectNode existing ? existing : secret.putObject("data");
      for (Map.Entry<String, JsonNode> e : stringData.properties()) {
        data.put(e.getKey(), Base64.getEncoder().encodeToString(e.getValue().asString("")
            .getBytes(StandardCharsets.UTF_8)));
      }
    }
    return AdmissionResult.admit(secret);
  }
}
