package cloud.hyperbyte.testkit.kube.admission;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a real API server checks on PersistentVolumeClaim writes, in its order:
 * <ul>
 *   <li>create: the {@code DefaultStorageClass} admission plugin gives a claim without
 *       {@code storageClassName} the class annotated {@code storageclass.kubernetes.io/is-default-class};</li>
 *   <li>update: {@code ValidatePersistentVolumeClaimUpdate} ({@code pkg/apis/core/validation}): the
 *       spec is immutable except {@code resources.requests} of a bound claim,
 *       {@code volumeAttributesClassName} and a {@code volumeName} set once; the storage request never
 *       shrinks;</li>
 *   <li>update that grows the request: the {@code PersistentVolumeClaimResize} admission plugin
 *       ({@code plugin/pkg/admission/storage/persistentvolume/resize}): only a bound claim whose
 *       StorageClass has {@code allowVolumeExpansion: true}, else 403 Forbidden.</li>
 * </ul>
 * Status writes are not checked (the status strategy resets the spec).
 */
public final class PersistentVolumeClaimAdmission implements AdmissionStep {

  /** The annotation that marks the cluster's default StorageClass. */
  public static final String DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";
  static final String STORAGE_CLASSES = "/apis/storage.k8s.io/v1/storageclasses";
  static final String SPEC_IMMUTABLE =
      "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims";
  static final String RESIZE_FORBIDDEN = "only dynamically provisioned pvc can be resized and "
      + "the storageclass that provisions the pvc must support resize";

  @Override
  public AdmissionResult admit(AdmissionRequest request) {
    if (!request.group().isEmpty() || !"persistentvolumeclaims".equals(request.resource()) || request.toStatus()) {
      return AdmissionResult.admit(request.object());
    }
    if (request.operation() == Operation.CREATE) {
      return AdmissionResult.admit(withDefaultClass(request.object(), request.store()));
    }
    List<FieldError> errors = validateUpdate(request.object(), request.oldObject());
    if (!errors.isEmpty()) {
      return AdmissionResult.invalid(errors);
    }
    return resize(request);
  }

  private static ObjectNode withDefaultClass(ObjectNode claim, StoredObjects store) {
    JsonNode spec = claim.path("spec");
    if (!spec.isObject() || spec.has("storageClassName")) {
      return claim; // an explicit "" asks for no class; the plugin leaves it alone
    }
    defaultClass(store).ifPresent(name -> ((ObjectNode) spec).put("storageClassName", name));
    return claim;
  }

  /** The default class; with several, the newest wins, as since Kubernetes 1.26. */
  private static Optional<String> defaultClass(StoredObjects store) {
    JsonNode list = store.get(STORAGE_CLASSES).orElse(null);
    if (list == null) {
      return Optional.empty();
    }
    String chosen = null;
    String chosenCreated = "";
    for (JsonNode sc : list.path("items")) {
      JsonNode metadata = sc.path("metadata");
      if ("true".equals(metadata.path("annotations").path(DEFAULT_CLASS_ANNOTATION).asText(""))) {
        String created = metadata.path("creationTimestamp").asText("");
        if (chosen == null || created.compareTo(chosenCreated) >= 0) {
          chosen = metadata.path("name").asText();
          chosenCreated = created;
        }
      }
    }
    return Optional.ofNullable(chosen);
  }

  /** {@code ValidatePersistentVolumeClaimUpdate}'s spec rules. */
  static List<FieldError> validateUpdate(ObjectNode claim, JsonNode old) {
    List<FieldError> errors = new ArrayList<>();
    ObjectNode newSpec = spec(claim);
    ObjectNode oldSpec = spec(old);
    if (oldSpec.path("volumeName").asText("").isEmpty()) {
      copy(newSpec, oldSpec, "volumeName"); // set once by the PV controller
    }
    copy(newSpec, oldSpec, "volumeAttributesClassName");
    boolean bound = "Bound".equals(claim.path("status").path("phase").asText(""));
    Optional<BigDecimal> oldSize = storage(old.path("spec"));
    Optional<BigDecimal> newSize = storage(claim.path("spec"));
    if (bound || sameAmount(oldSize, newSize)) {
      removeStorage(newSpec);
      removeStorage(oldSpec);
    }
    if (!newSpec.equals(oldSpec)) {
      errors.add(FieldError.forbidden("spec", SPEC_IMMUTABLE + "\n" + difference(oldSpec, newSpec)));
    }
    if (oldSize.isPresent() && newSize.isPresent() && newSize.get().compareTo(oldSize.get()) < 0) {
      errors.add(FieldError.forbidden("spec.resources.requests.storage", "field can not be less than previous value"));
    }
    return errors;
  }

  /** The resize plugin: growth needs a bound claim of a class that allows expansion. */
  private static AdmissionResult resize(AdmissionRequest request) {
    Optional<BigDecimal> oldSize = storage(request.oldObject().path("spec"));
    Optional<BigDecimal> newSize = storage(request.object().path("spec"));
    if (newSize.isEmpty() || (oldSize.isPresent() && newSize.get().compareTo(oldSize.get()) <= 0)) {
      return AdmissionResult.admit(request.object());
    }
    if (!"Bound".equals(request.oldObject().path("status").path("phase").asText(""))) {
      return forbidden(request, "Only bound persistent volume claims can be expanded");
    }
    String newClass = request.object().path("spec").path("storageClassName").asText("");
    String oldClass = request.oldObject().path("spec").path("storageClassName").asText("");
    boolean allowed = !newClass.isEmpty() && newClass.equals(oldClass)
        && request.store().get(STORAGE_CLASSES + "/" + newClass)
            .map(sc -> sc.path("allowVolumeExpansion").asBoolean(false)).orElse(false);
    return allowed ? AdmissionResult.admit(request.object()) : forbidden(request, RESIZE_FORBIDDEN);
  }

  /** {@code admission.NewForbidden}: 403 with {@code <resource> "<name>" is forbidden: <why>}. */
  private static AdmissionResult forbidden(AdmissionRequest request, String why) {
    return AdmissionResult.refuse(403, "Forbidden",
        request.resource() + " \"" + request.name() + "\" is forbidden: " + why);
  }

  private static ObjectNode spec(JsonNode object) {
    JsonNode spec = object.path("spec");
    return spec.isObject() ? ((ObjectNode) spec).deepCopy() : tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
  }

  private static void copy(ObjectNode target, ObjectNode source, String field) {
    if (source.has(field)) {
      target.set(field, source.get(field));
    } else {
      target.remove(field);
    }
  }

  private static void removeStorage(ObjectNode spec) {
    JsonNode requests = spec.path("resources").path("requests");
    if (requests.isObject()) {
      ((ObjectNode) requests).remove("storage");
    }
  }

  private static boolean sameAmount(Optional<BigDecimal> a, Optional<BigDecimal> b) {
    return a.isPresent() && b.isPresent() ? a.get().compareTo(b.get()) == 0 : a.isEmpty() && b.isEmpty();
  }

  /** The requested storage in bytes; empty when unset or unparsable. */
  static Optional<BigDecimal> storage(JsonNode spec) {
    String value = spec.path("resources").path("requests").path("storage").asText("");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Quantity.getAmountInBytes(new Quantity(value)));
    } catch (IllegalArgumentException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  /** Which top-level spec fields differ (the server prints a full cmp.Diff here). */
  private static String difference(ObjectNode oldSpec, ObjectNode newSpec) {
    List<String> changed = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = newSpec.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().equals(oldSpec.get(e.getKey()))) {
        changed.add(e.getKey());
      }
    }
    oldSpec.propertyNames().forEach(name -> {
      if (!newSpec.has(name)) {
        changed.add(name);
      }
    });
    return "changed: " + String.join(", ", changed);
  }
}
