package cloud.hyperbyte.testkit.kube.admission.crd;

import cloud.hyperbyte.model.crd.SchemaCheck;
import cloud.hyperbyte.model.crd.SchemaViolation;
import cloud.hyperbyte.testkit.kube.admission.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/**
 * OpenAPI validation of a custom resource against its structural schema ({@link SchemaCheck}, shared
 * with the spec factory), worded as the API server's validator (kube-openapi, converted to
 * {@code field.Error}s by apiextensions-apiserver's {@code kubeOpenAPIResultToFieldErrors}) words it.
 * Integer width and unknown fields are not the validator's: the server stores int64 and has pruned
 * unknown fields before it validates.
 */
final class SchemaValidation {

  private SchemaValidation() {}

  /** Every error of {@code value} (at {@code path}) against {@code schema}. */
  static List<FieldError> validate(JsonNode value, JsonNode schema, String path) {
    List<FieldError> errors = new ArrayList<>();
    for (SchemaViolation violation : SchemaCheck.violations(value, schema, path)) {
      worded(violation).ifPresent(errors::add);
    }
    return errors;
  }

  private static Optional<FieldError> worded(SchemaViolation v) {
    String path = v.path();
    JsonNode value = v.value();
    String bound = v.bound().isNumber() ? Values.number(v.bound().asDouble()) : v.bound().asText("");
    FieldError error = switch (v.kind()) {
      case WIDTH, UNKNOWN_FIELD -> null;
      case NULL, TYPE -> new FieldError(FieldError.Type.TYPE_INVALID, path, Values.describe(value) + ": " + path
          + " in body must be of type " + bound + ": \"" + typeName(value) + "\"");
      case ENUM -> new FieldError(FieldError.Type.NOT_SUPPORTED, path, Values.describe(value) + ": supported values: "
          + StreamSupport.stream(v.bound().spliterator(), false)
              .map(candidate -> candidate.isString() ? "\"" + candidate.asText() + "\"" : "\"" + candidate + "\"")
              .collect(Collectors.joining(", ")));
      case MAX_LENGTH -> new FieldError(FieldError.Type.TOO_LONG, path,
          "may not be more than " + bound + ("1".equals(bound) ? " byte" : " bytes"));
      case MIN_LENGTH -> invalid(path, value, "should be at least " + bound + " chars long");
      case PATTERN -> invalid(path, value, "should match '" + bound + "'");
      case DATE_TIME -> new FieldError(FieldError.Type.TYPE_INVALID, path,
          Values.describe(value) + ": " + path + " in body must be of type date-time: \"" + value.asText() + "\"");
      case MINIMUM -> invalid(path, value, "should be greater than or equal to " + bound);
      case EXCLUSIVE_MINIMUM -> invalid(path, value, "should be greater than " + bound);
      case MAXIMUM -> invalid(path, value, "should be less than or equal to " + bound);
      case EXCLUSIVE_MAXIMUM -> invalid(path, value, "should be less than " + bound);
      case MAX_ITEMS, MAX_PROPERTIES -> new FieldError(FieldError.Type.TOO_MANY, path,
          value.size() + ": must have at most " + bound + " items");
      case MIN_ITEMS -> invalid(path, value, "should have at least " + bound + " items");
      case MIN_PROPERTIES -> invalid(path, value, "should have at least " + bound + " properties");
      case REQUIRED -> new FieldError(FieldError.Type.REQUIRED, path, "");
    };
    return Optional.ofNullable(error);
  }

  private static String typeName(JsonNode value) {
    if (value.isNull()) {
      return "null";
    }
    if (value.isObject()) {
      return "object";
    }
    if (value.isArray()) {
      return "array";
    }
    if (value.isString()) {
      return "string";
    }
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isNumber()) {
      return "number";
    }
    return "boolean";
  }

  private static FieldError invalid(String path, JsonNode value, String detail) {
    return FieldError.invalid(path, Values.describe(value) + ": " + path + " in body " + detail);
  }
}
