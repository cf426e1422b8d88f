package cloud.hyperbyte.testkit.kube.admission;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One write as admission sees it.
 *
 * @param operation create or update
 * @param group API group, empty for the core group
 * @param version API version
 * @param resource plural resource name, e.g. {@code statefulsets}
 * @param subresource {@code "status"} for a status write, otherwise null
 * @param namespace namespace, null for cluster-scoped objects
 * @param name object name
 * @param oldObject the stored object before the write; null on create
 * @param object the object that would be stored (a copy the step may change and return)
 * @param store the other stored objects
 */
public record AdmissionRequest(Operation operation, String group, String version, String resource,
    String subresource, String namespace, String name, JsonNode oldObject, ObjectNode object,
    StoredObjects store) {

  /** Whether this write goes to the status subresource. */
  public boolean toStatus() {
    return "status".equals(subresource);
  }

  /** Whether this is an update of the main resource (not of status). */
  public boolean isSpecUpdate() {
    return operation == Operation.UPDATE && !toStatus();
  }

  /** The object's kind, from the stored or the new object. */
  public String kind() {
    return object.path("kind").asText(oldObject == null ? "" : oldObject.path("kind").asText(""));
  }
}
