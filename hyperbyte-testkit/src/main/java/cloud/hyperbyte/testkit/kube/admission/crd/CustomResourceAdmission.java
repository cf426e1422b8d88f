package cloud.hyperbyte.testkit.kube.admission.crd;

import cloud.hyperbyte.model.crd.SchemaDefaulting;
import cloud.hyperbyte.model.crd.SchemaNodes;
import cloud.hyperbyte.model.crd.SchemaPruning;
import cloud.hyperbyte.testkit.kube.admission.AdmissionRequest;
import cloud.hyperbyte.testkit.kube.admission.AdmissionResult;
import cloud.hyperbyte.testkit.kube.admission.AdmissionStep;
import cloud.hyperbyte.testkit.kube.admission.FieldError;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Admits custom resources as kube-apiserver does, using the CRD stored in the simulated server and
 * the structural schema of the request's version: unknown fields are pruned (each with the
 * {@code unknown field "spec.foo"} warning), defaults applied, the object validated against the
 * schema ({@link SchemaValidation}) and its {@code x-kubernetes-validations} rules evaluated
 * ({@link ValidationRules}). A refusal is a 422 whose causes carry the field paths.
 *
 * <p>Scope, simplified from the server (which validates the whole object and ratchets unchanged
 * values): a write to the main resource validates everything but {@code status}, a write to
 * {@code /status} validates only {@code status}; the other part is the stored one, unchanged. As on
 * the server, rules are not evaluated after a Required, NotSupported, TooLong, TooMany or TypeInvalid
 * error (the server then adds one error saying so).
 */
public final class CustomResourceAdmission implements AdmissionStep {

  private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/";
  /** Errors after which the server does not evaluate rules ({@code hasBlockingErr} in the CR strategy). */
  private static final Set<FieldError.Type> BLOCKING = EnumSet.of(FieldError.Type.REQUIRED,
      FieldError.Type.NOT_SUPPORTED, FieldError.Type.TOO_LONG, FieldError.Type.TOO_MANY, FieldError.Type.TYPE_INVALID);

  @Override
  public AdmissionResult admit(AdmissionRequest request) {
    if (request.group().isEmpty()) {
      return AdmissionResult.admit(request.object());
    }
    Optional<JsonNode> schema = request.store().get(CRDS + request.resource() + "." + request.group())
        .flatMap(crd -> schemaOf(crd, request.version()));
    if (schema.isEmpty()) {
      return AdmissionResult.admit(request.object());
    }
    ObjectNode object = request.object();
    JsonNode root = schema.get();
    // the warnings the server sends with the default fieldValidation=Warn
    List<String> warnings = SchemaPruning.prune(object, root).stream().map(path -> "unknown field \"" + path + "\"")
        .toList();
    SchemaDefaulting.apply(object, root);
    List<FieldError> errors = validate(object, request.oldObject(), root, request.toStatus());
    return errors.isEmpty() ? AdmissionResult.admit(object, warnings) : AdmissionResult.invalid(errors);
  }

  private static List<FieldError> validate(ObjectNode object, JsonNode old, JsonNode root, boolean toStatus) {
    List<FieldError> errors = new ArrayList<>();
    if (!toStatus) {
      for (JsonNode required : root.path("required")) {
        if (!"status".equals(required.asText()) && !object.has(required.asText())) {
          errors.add(FieldError.required(required.asText(), ""));
        }
      }
    }
    List<Map.Entry<String, JsonNode>> parts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      JsonNode property = SchemaNodes.property(root, field.getKey());
      if (property != null && "status".equals(field.getKey()) == toStatus) {
        parts.add(Map.entry(field.getKey(), property));
        errors.addAll(SchemaValidation.validate(field.getValue(), property, field.getKey()));
      }
    }
    if (errors.stream().anyMatch(e -> BLOCKING.contains(e.type()))) {
      errors.add(FieldError.invalid("<nil>", "\"null\": some validation rules were not checked because the object"
          + " was invalid; correct the existing errors to complete validation"));
      return errors;
    }
    if (!toStatus) {
      ValidationRules.evaluateRoot(object, old, root, errors);
    }
    for (Map.Entry<String, JsonNode> part : parts) {
      JsonNode oldPart = old == null ? null : old.get(part.getKey());
      ValidationRules.evaluate(object.get(part.getKey()), oldPart, part.getValue(), part.getKey(), false, errors);
    }
    return errors;
  }

  private static Optional<JsonNode> schemaOf(JsonNode crd, String version) {
    for (JsonNode served : crd.path("spec").path("versions")) {
      if (served.path("name").asText().equals(version)) {
        JsonNode schema = served.path("schema").path("openAPIV3Schema");
        return schema.isObject() ? Optional.of(schema) : Optional.empty();
      }
    }
    return Optional.empty();
  }
}
