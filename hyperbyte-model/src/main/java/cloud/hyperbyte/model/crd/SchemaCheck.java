package cloud.hyperbyte.model.crd;

import static cloud.hyperbyte.model.crd.SchemaViolation.Kind;

import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * OpenAPI validation of a value against a structural schema, as kube-openapi's validator runs it for
 * custom resources: types (with {@code nullable} and {@code x-kubernetes-int-or-string}), enum,
 * minLength/maxLength (in code points), pattern, the {@code date-time} format, minimum/maximum (and
 * exclusive), minItems/maxItems, minProperties/maxProperties, required; beyond the server, integer
 * width and fields the schema does not declare. A value of the wrong type is not looked into further.
 * Not modelled: {@code uniqueItems}, {@code multipleOf}, list-type uniqueness, other formats.
 */
public final class SchemaCheck {

  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger INT32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT32_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

  private SchemaCheck() {}

  /** Every violation of {@code value} (found at {@code path}) against {@code schema}, in document order. */
  public static List<SchemaViolation> violations(JsonNode value, JsonNode schema, String path) {
    List<SchemaViolation> out = new ArrayList<>();
    check(value, schema, path, out);
    return out;
  }

  private static void check(JsonNode value, JsonNode schema, String path, List<SchemaViolation> out) {
    String expected = SchemaNodes.intOrString(schema) ? "integer,string" : SchemaNodes.type(schema);
    if (value.isNull()) {
      if (!SchemaNodes.nullable(schema) && !expected.isEmpty()) {
        out.add(violation(Kind.NULL, path, value, text(expected)));
      }
      return;
    }
    boolean typed = SchemaNodes.intOrString(schema) ? value.isIntegralNumber() || value.isString()
        : hasType(value, expected);
    if (!typed) {
      out.add(violation(Kind.TYPE, path, value, text(expected)));
      return;
    }
    if (value.isIntegralNumber()) {
      fits(value, schema, path, out);
    }
    enumeration(value, schema, path, out);
    if (value.isString()) {
      string(value, schema, path, out);
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
      // kube-openapi takes a float with no fraction (3.0) for an integer
      case "integer" -> value.isIntegralNumber() || value.isNumber() && value.asDouble() == Math.rint(value.asDouble());
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> false;
    };
  }

  /** Kubernetes stores integers as int64; {@code format: int32} fields are bound to Java ints here. */
  private static void fits(JsonNode value, JsonNode schema, String path, List<SchemaViolation> out) {
    boolean int32 = "int32".equals(schema.path("format").asText("")) || SchemaNodes.intOrString(schema);
    BigInteger number = value.bigIntegerValue();
    boolean fits = int32 ? number.compareTo(INT32_MIN) >= 0 && number.compareTo(INT32_MAX) <= 0
        : number.compareTo(INT64_MIN) >= 0 && number.compareTo(INT64_MAX) <= 0;
    if (!fits) {
      out.add(violation(Kind.WIDTH, path, value, JsonNodeFactory.instance.numberNode(int32 ? 32 : 64)));
    }
  }

  private static void enumeration(JsonNode value, JsonNode schema, String path, List<SchemaViolation> out) {
    JsonNode allowed = schema.get("enum");
    if (allowed == null || !allowed.isArray() || allowed.isEmpty()) {
      return;
    }
    for (JsonNode candidate : allowed) {
      if (candidate.equals(value)) {
        return;
      }
    }
    out.add(violation(Kind.ENUM, path, value, allowed));
  }

  private static void string(JsonNode value, JsonNode schema, String path, List<SchemaViolation> out) {
    String text = value.asString();
    int length = text.codePointCount(0, text.length());
    Long max = SchemaNodes.longOrNull(schema, "maxLength");
    if (max != null && length > max) {
      out.add(violation(Kind.MAX_LENGTH, path, value, schema.get("maxLength")));
    }
    Long min = SchemaNodes.longOrNull(schema, "minLength");
    if (min != null && length < min) {
      out.add(violation(Kind.MIN_LENGTH, path, value, schema.get("minLength")));
    }
    JsonNode pattern = schema.get("pattern");
    if (pattern != null && !Pattern.compile(pattern.asString()).matcher(text).find()) {
      out.add(violation(Kind.PATTERN, path, value, pattern));
    }
    if ("date-time".equals(schema.path("format").asText("")) && !isDateTime(text)) {
      out.add(violation(Kind.DATE_TIME, path, value, schema.get("format")));
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

  private static void number(JsonNode value, JsonNode schema, String path, List<SchemaViolation> out) {
    double number = value.asDouble();
    JsonNode minimum = schema.get("minimum");
    if (minimum != null) {
      boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
      if (exclusive ? number <= minimum.asDouble() : number < minimum.asDouble()) {
        out.add(violation(exclusive ? Kind.EXCLUSIVE_MINIMUM : Kind.MINIMUM, path, value, minimum));
      }
    }
    JsonNode maximum = schema.get("maximum");
    if (maximum != null) {
      boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
      if (exclusive ? number >= maximum.asDouble() : number > maximum.asDouble()) {
        out.add(violation(exclusive ? Kind.EXCLUSIVE_MAXIMUM : Kind.MAXIMUM, path, value, maximum));
      }
    }
  }

  private static void array(JsonNode value, JsonNode schema, String path, List<SchemaViolation> out) {
    Long max = SchemaNodes.longOrNull(schema, "maxItems");
    if (max != null && value.size() > max) {
      out.add(violation(Kind.MAX_ITEMS, path, value, schema.get("maxItems")));
    }
    Long min = SchemaNodes.longOrNull(schema, "minItems");
    if (min != null && value.size() < min) {
      out.add(violation(Kind.MIN_ITEMS, path, value, schema.get("minItems")));
    }
    JsonNode items = SchemaNodes.items(schema);
    if (items != null) {
      for (int i = 0; i < value.size(); i++) {
        check(value.get(i), items, SchemaNodes.index(path, i), out);
      }
    }
  }

  private static void object(JsonNode value, JsonNode schema, String path, List<SchemaViolation> out) {
    Long max = SchemaNodes.longOrNull(schema, "maxProperties");
    if (max != null && value.size() > max) {
      out.add(violation(Kind.MAX_PROPERTIES, path, value, schema.get("maxProperties")));
    }
    Long min = SchemaNodes.longOrNull(schema, "minProperties");
    if (min != null && value.size() < min) {
      out.add(violation(Kind.MIN_PROPERTIES, path, value, schema.get("minProperties")));
    }
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asString())) {
        out.add(violation(Kind.REQUIRED, SchemaNodes.child(path, required.asString()),
            JsonNodeFactory.instance.nullNode(), required));
      }
    }
    JsonNode values = SchemaNodes.additionalProperties(schema);
    boolean closed = SchemaNodes.hasProperties(schema) && values == null && !SchemaNodes.preservesUnknownFields(schema);
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      JsonNode property = SchemaNodes.property(schema, field.getKey());
      if (property != null) {
        check(field.getValue(), property, SchemaNodes.child(path, field.getKey()), out);
      } else if (values != null) {
        check(field.getValue(), values, SchemaNodes.key(path, field.getKey()), out);
      } else if (closed) {
        out.add(violation(Kind.UNKNOWN_FIELD, SchemaNodes.child(path, field.getKey()), field.getValue(),
            JsonNodeFactory.instance.nullNode()));
      }
    }
  }

  private static JsonNode text(String value) {
    return JsonNodeFactory.instance.stringNode(value);
  }

  private static SchemaViolation violation(Kind kind, String path, JsonNode value, JsonNode bound) {
    return new SchemaViolation(kind, path, value, bound);
  }
}
