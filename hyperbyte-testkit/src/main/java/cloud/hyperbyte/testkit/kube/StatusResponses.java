package cloud.hyperbyte.testkit.kube;

import io.fabric8.mockwebserver.http.MockResponse;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code meta/v1 Status} failure bodies as the real API server sends them, so clients map them to exceptions. */
final class StatusResponses {

  private StatusResponses() {}

  static MockResponse failure(int code, String reason, String message) {
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.put("apiVersion", "v1");
    status.put("kind", "Status");
    status.putObject("metadata");
    status.put("status", "Failure");
    status.put("message", message);
    status.put("reason", reason);
    status.put("code", code);
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody(Json.write(status));
  }
}
