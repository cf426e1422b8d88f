package cloud.hyperbyte.testkit.kube;

import cloud.hyperbyte.testkit.kube.admission.AdmissionRequest;
import cloud.hyperbyte.testkit.kube.admission.AdmissionResult;
import cloud.hyperbyte.testkit.kube.admission.AdmissionStep;
import cloud.hyperbyte.testkit.kube.admission.FieldError;
import cloud.hyperbyte.testkit.kube.admission.Operation;
import cloud.hyperbyte.testkit.kube.admission.StoredObjects;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the admission steps on a write the store is about to make, in order: each sees the object the
 * previous one admitted. The first refusal ends the write with the Status a real server sends.
 */
final class AdmissionChain {

  private final List<AdmissionStep> steps = new CopyOnWriteArrayList<>();

  void add(AdmissionStep step) {
    steps.add(step);
  }

  /** The outcome of one write's admission: the body to store and warnings, or the refusal to answer. */
  record Decision(ObjectNode object, List<String> warnings, MockResponse refusal) {

    /** Adds the warnings to a store answer as {@code Warning: 299 - "…"} headers. */
    MockResponse withWarnings(MockResponse response) {
      for (String warning : warnings) {
        response.addHeader("Warning", "299 - \"" + warning.replace("\"", "\\\"") + "\"");
      }
      return response;
    }
  }

  Decision admit(Operation operation, ResourcePath target, JsonNode oldObject, ObjectNode object,
      StoredObjects store) {
    List<String> warnings = new ArrayList<>();
    ObjectNode current = object;
    String name = target.name() != null ? target.name() : object.path("metadata").path("name").asText(null);
    for (AdmissionStep step : steps) {
      AdmissionRequest request = new AdmissionRequest(operation, target.group(), target.version(),
          target.resource(), target.subresource(), target.namespace(), name,
          oldObject == null ? null : oldObject.deepCopy(), current.deepCopy(), store);
      AdmissionResult result = step.admit(request);
      if (result instanceof AdmissionResult.Refused refused) {
        return new Decision(null, warnings, refusal(refused, request));
      }
      AdmissionResult.Admitted admitted = (AdmissionResult.Admitted) result;
      current = admitted.object();
      warnings.addAll(admitted.warnings());
    }
    return new Decision(current, warnings, null);
  }

  /** A 422 as {@code apierrors.NewInvalid} builds it: kind, name, causes and the joined message. */
  private static MockResponse refusal(AdmissionResult.Refused refused, AdmissionRequest request) {
    String qualifiedKind = request.kind() + (request.group().isEmpty() ? "" : "." + request.group());
    String message = refused.message();
    if (message == null) {
      List<FieldError> causes = refused.causes();
      String joined = causes.size() == 1 ? causes.get(0).toString()
          : causes.stream().map(FieldError::toString).collect(Collectors.joining(", ", "[", "]"));
      message = qualifiedKind + " \"" + request.name() + "\" is invalid: " + joined;
    }
    MockResponse response = StatusResponses.failure(refused.code(), refused.reason(), message);
    ObjectNode status = (ObjectNode) Json.parse(response.getBody().readUtf8());
    ObjectNode details = status.putObject("details");
    details.put("name", request.name());
    details.put("group", request.group());
    details.put("kind", request.kind());
    if (!refused.causes().isEmpty()) {
      ArrayNode causes = details.putArray("causes");
      for (FieldError cause : refused.causes()) {
        causes.add(JsonNodeFactory.instance.objectNode().put("reason", cause.type().reason())
            .put("message", cause.message()).put("field", cause.field()));
      }
    }
    return response.setBody(Json.write(status));
  }
}
