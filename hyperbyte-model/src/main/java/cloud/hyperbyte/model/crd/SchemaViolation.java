package cloud.hyperbyte.model.crd;

import tools.jackson.databind.JsonNode;

/**
 * One way a value breaks its structural schema, found by {@link SchemaCheck} and not yet worded: the
 * spec factory words it for people, the testkit's simulated API server as kube-apiserver does.
 *
 * @param kind what is broken
 * @param path the field path as Kubernetes prints it ({@code spec.list[0].map[key]})
 * @param value the offending value ({@code null} node for a missing required field)
 * @param bound the schema keyword's value that was broken (the pattern, the limit, the allowed
 *     values, the expected type), as written in the schema
 */
public record SchemaViolation(Kind kind, String path, JsonNode value, JsonNode bound) {

  /** The schema keyword a value breaks. */
  public enum Kind {
    /** {@code null} where the schema is not nullable; bound: the expected type. */
    NULL,
    /** A value of another type; bound: the expected type ({@code integer,string} for int-or-string). */
    TYPE,
    /** An integer wider than 64 bits, or than 32 with {@code format: int32}; bound: the bit width. */
    WIDTH,
    /** Not one of {@code enum}. */
    ENUM,
    MIN_LENGTH,
    MAX_LENGTH,
    PATTERN,
    /** {@code format: date-time} and not an RFC 3339 time. */
    DATE_TIME,
    /** Below {@code minimum}. */
    MINIMUM,
    /** At or below {@code minimum} with {@code exclusiveMinimum}. */
    EXCLUSIVE_MINIMUM,
    /** Above {@code maximum}. */
    MAXIMUM,
    /** At or above {@code maximum} with {@code exclusiveMaximum}. */
    EXCLUSIVE_MAXIMUM,
    MIN_ITEMS,
    MAX_ITEMS,
    MIN_PROPERTIES,
    MAX_PROPERTIES,
    /** A {@code required} field is missing; path: the missing field. */
    REQUIRED,
    /** A field the schema does not declare (the API server prunes it). */
    UNKNOWN_FIELD
  }

}
