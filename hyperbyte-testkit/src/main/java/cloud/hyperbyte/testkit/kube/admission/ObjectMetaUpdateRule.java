package cloud.hyperbyte.testkit.kube.admission;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The metadata rules every update of every kind passes (custom resources included):
 * <ul>
 *   <li>a {@code metadata.uid} in the body is a precondition: another UID is 409 Conflict
 *       ({@code defaultUpdatedObjectInfo.Preconditions}, {@code staging/src/k8s.io/apiserver/pkg/registry/rest/update.go},
 *       checked by the storage layer's {@code Preconditions.Check}); an empty one means the stored UID;
 *   <li>{@code creationTimestamp} and an existing {@code deletionTimestamp} or
 *       {@code deletionGracePeriodSeconds} cannot be changed or removed by an update: the server puts
 *       the stored values back ({@code rest.BeforeUpdate}, same file);
 *   <li>an update cannot set {@code deletionTimestamp} or {@code deletionGracePeriodSeconds}
 *       ({@code field is immutable}), and no finalizer can be added to an object being deleted
 *       (Forbidden at {@code metadata.finalizers}): {@code ValidateObjectMetaUpdate} and
 *       {@code ValidateNoNewFinalizers} ({@code staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go}).
 * </ul>
 * A changed {@code name} or {@code namespace} never gets here: the server answers 400 BadRequest
 * ({@code checkName}), as the stock mock does.
 */
final class ObjectMetaUpdateRule implements AdmissionStep {

  @Override
  public AdmissionResult admit(AdmissionRequest request) {
    if (request.oldObject() == null || !(request.object().get("metadata") instanceof ObjectNode metadata)) {
      return AdmissionResult.admit(request.object());
    }
    JsonNode oldMeta = request.oldObject().path("metadata");
    String oldUid = oldMeta.path("uid").asString("");
    String newUid = metadata.path("uid").asString("");
    if (newUid.isEmpty()) {
      copy(oldMeta, metadata, "uid");
    } else if (!newUid.equals(oldUid)) {
      return AdmissionResult.refuse(409, "Conflict", "Operation cannot be fulfilled on " + qualifiedResource(request)
          + " \"" + request.name() + "\": Precondition failed: UID in precondition: " + newUid
          + ", UID in object meta: " + oldUid);
    }
    copy(oldMeta, metadata, "creationTimestamp");
    List<FieldError> errors = new ArrayList<>();
    boolean deleting = oldMeta.hasNonNull("deletionTimestamp");
    if (deleting) {
      copy(oldMeta, metadata, "deletionTimestamp");
    } else if (metadata.hasNonNull("deletionTimestamp")) {
      errors.add(FieldValues.immutable("metadata.deletionTimestamp", metadata.get("deletionTimestamp")));
    }
    if (oldMeta.hasNonNull("deletionGracePeriodSeconds") && !metadata.hasNonNull("deletionGracePeriodSeconds")) {
      copy(oldMeta, metadata, "deletionGracePeriodSeconds");
    } else if (!FieldValues.same(oldMeta.path("deletionGracePeriodSeconds"), metadata.path("deletionGracePeriodSeconds"))) {
      errors.add(FieldValues.immutable("metadata.deletionGracePeriodSeconds", metadata.get("deletionGracePeriodSeconds")));
    }
    if (deleting) {
      Set<String> added = new LinkedHashSet<>();
      metadata.path("finalizers").forEach(f -> added.add(f.asString("")));
      oldMeta.path("finalizers").forEach(f -> added.remove(f.asString("")));
      if (!added.isEmpty()) {
        errors.add(FieldError.forbidden("metadata.finalizers",
            "no new finalizers can be added if the object is being deleted, found new finalizers []string{"
                + added.stream().sorted().map(f -> "\"" + f + "\"").collect(Collectors.joining(", ")) + "}"));
      }
    }
    return errors.isEmpty() ? AdmissionResult.admit(request.object()) : AdmissionResult.invalid(errors);
  }

  private static void copy(JsonNode from, ObjectNode to, String field) {
    if (from.has(field)) {
      to.set(field, from.get(field));
    } else {
      to.remove(field);
    }
  }

  /** {@code statefulsets.apps}, {@code pods}: how the server names the resource in a Conflict. */
  static String qualifiedResource(AdmissionRequest request) {
    return request.resource() + (request.group().isEmpty() ? "" : "." + request.group());
  }
}
