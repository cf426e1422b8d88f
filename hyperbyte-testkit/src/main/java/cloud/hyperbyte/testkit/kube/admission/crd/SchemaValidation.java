package cloud.hyperbyte.testkit.kube.admission.crd;

import cloud.hyperbyte.testkit.kube.admission.FieldError;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/**
 * OpenAPI validation of a custom resource against its structural schema, with the messages the API
 * server's validator (kube-openapi, converted to {@code field.Error}s by apiextensions-apiserver's
 * {@code kubeOpenAPIResultToFieldErrors}) produces: types (with {@code nullable} and
 * {@code x-kubernetes-int-or-string}), required, enum, minimum/maximum (and exclusive),
 * minLength/maxLength, pattern, minItems/maxItems, minProperties/maxProperties and the
 * {@code date-time} format. Not modelled: {@code uniqueItems}, {@code multipleOf}, list-type
 * uniqueness, other formats.
 */
final class SchemaValidation {

  private SchemaValidation() {}

  /** Every error of {@code value} (at {@code path}) against {@code schema}. */
  static List<FieldError> validate(JsonNode value, JsonNode schema, String path) {
    List<FieldError> errors = new ArrayList<>();
    check(value, schema, path, errors);
    return errors;
  }

  private static void check(JsonNode value, JsonNode schema, String path, List<FieldError> out) {
    if (value.isNull()) {
      if (!SchemaNodes.nullable(schema)) {
        String expected = SchemaNodes.intOrString(schema) ? "integer,string" : SchemaNodes.type(schema);
        if (!expected.isEmpty()) {
          out.add(typeInvalid(path, value, expected));
        }
      }
      return;
    }
    if (SchemaNodes.intOrString(schema)) {
      if (!value.isIntegralNumber() && !value.isString()) {
        out.add(typeInvalid(path, value, "integer,string"));
        return;
      }
    } else if (!hasType(value, SchemaNodes.type(schema))) {
      out.add(typeInvalid(path, value, SchemaNodes.type(schema)));
      return;
    }
    enumeration(value, schema, path, out);
    if (value.isString()) {
      string(value.asText(), schema, path, out);
    } else if (value.isNumber()) {
      number(value, schema, path, out);
    } else if (value.isArray()) {
      array(value, schema, path, out);
    } else if (value.isObject()) {
      object(value, schema, path, out);
    }
  }

  private static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "" -> true;
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isString();
      case "integer" -> value.isIntegralNumber() || value.isNumber() && value.asDouble() == Math.rint(value.asDouble());
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> false;
    };
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

  private static FieldError typeInvalid(String path, JsonNode value, String expected) {
    return new FieldError(FieldError.Type.TYPE_INVALID, path, Values.describe(value) + ": " + path
        + " in body must be of type " + expected + ": \"" + typeName(value) + "\"");
  }

  private static FieldError invalid(String path, JsonNode value, String detail) {
    return FieldError.invalid(path, Values.describe(value) + ": " + path + " in body " + detail);
  }

  private static void enumeration(JsonNode value, JsonNode schema, String path, List<FieldError> out) {
    JsonNode allowed = schema.get("enum");
    if (allowed == null || !allowed.isArray()) {
      return;
    }
    for (JsonNode candidate : allowed) {
      if (candidate.equals(value)) {
        return;
      }
    }
    String supported = StreamSupport.stream(allowed.spliterator(), false)
        .map(candidate -> candidate.isString() ? "\"" + candidate.asText() + "\"" : "\"" + candidate + "\"")
        .collect(Collectors.joining(", "));
    out.add(new FieldError(FieldError.Type.NOT_SUPPORTED, path,
        Values.describe(value) + ": supported values: " + supported));
  }

  private static void string(String text, JsonNode schema, String path, List<FieldError> out) {
    JsonNode value = tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(text);
    int length = text.codePointCount(0, text.length());
    Long max = SchemaNodes.longOrNull(schema, "maxLength");
    if (max != null && length > max) {
      out.add(new FieldError(FieldError.Type.TOO_LONG, path,
          "may not be more than " + max + (max == 1 ? " byte" : " bytes")));
    }
    Long min = SchemaNodes.longOrNull(schema, "minLength");
    if (min != null && length < min) {
      out.add(invalid(path, value, "should be at least " + min + " chars long"));
    }
    JsonNode pattern = schema.get("pattern");
    if (pattern != null && !Pattern.compile(pattern.asText()).matcher(text).find()) {
      out.add(invalid(path, value, "should match '" + pattern.asText() + "'"));
    }
    if ("date-time".equals(schema.path("format").asText()) && !isDateTime(text)) {
      out.add(new FieldError(FieldError.Type.TYPE_INVALID, path,
          Values.describe(value) + ": " + path + " in body must be of type date-time: \"" + text + "\""));
    }
  }

  private static boolean isDateTime(String text) {
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static void number(JsonNode value, JsonNode schema, String path, List<FieldError> out) {
    double number = value.asDouble();
    JsonNode minimum = schema.get("minimum");
    if (minimum != null) {
      boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
      if (exclusive ? number <= minimum.asDouble() : number < minimum.asDouble()) {
        out.add(invalid(path, value, "should be greater than " + (exclusive ? "" : "or equal to ")
            + Values.number(minimum.asDouble())));
      }
    }
    JsonNode maximum = schema.get("maximum");
    if (maximum != null) {
      boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
      if (exclusive ? number >= maximum.asDouble() : number > maximum.asDouble()) {
        out.add(invalid(path, value, "should be less than " + (exclusive ? "" : "or equal to ")
            + Values.number(maximum.asDouble())));
      }
    }
  }

  private static void array(JsonNode value, JsonNode schema, String path, List<FieldError> out) {
    Long max = SchemaNodes.longOrNull(schema, "maxItems");
    if (max != null && value.size() > max) {
      out.add(new FieldError(FieldError.Type.TOO_MANY, path,
          value.size() + ": must have at most " + max + " items"));
    }
    Long min = SchemaNodes.longOrNull(schema, "minItems");
    if (min != null && value.size() < min) {
      out.add(invalid(path, value, "should have at least " + min + " items"));
    }
    JsonNode items = SchemaNodes.items(schema);
    if (items != null) {
      for (int i = 0; i < value.size(); i++) {
        check(value.get(i), items, SchemaNodes.index(path, i), out);
      }
    }
  }

  private static void object(JsonNode value, JsonNode schema, String path, List<FieldError> out) {
    Long max = SchemaNodes.longOrNull(schema, "maxProperties");
    if (max != null && value.size() > max) {
      out.add(new FieldError(FieldError.Type.TOO_MANY, path,
          value.size() + ": must have at most " + max + " items"));
    }
    Long min = SchemaNodes.longOrNull(schema, "minProperties");
    if (min != null && value.size() < min) {
      out.add(invalid(path, value, "should have at least " + min + " properties"));
    }
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) {
        out.add(new FieldError(FieldError.Type.REQUIRED, SchemaNodes.child(path, required.asText()), ""));
      }
    }
    JsonNode values = SchemaNodes.additionalProperties(schema);
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      JsonNode property = SchemaNodes.property(schema, field.getKey());
      if (property != null) {
        check(field.getValue(), property, SchemaNodes.child(path, field.getKey()), out);
      } else if (values != null) {
        check(field.getValue(), values, SchemaNodes.key(path, field.getKey()), out);
      }
    }
  }
}
