package cloud.hyperbyte.testkit.kube.admission;

/**
 * One field error as Kubernetes' {@code field.Error} reports it: the cause in a 422 Status
 * ({@code reason} {@code FieldValue<Type>}, {@code field}, {@code message}).
 *
 * @param type the error type
 * @param field the field path, e.g. {@code spec.volumeClaimTemplates}
 * @param detail what is wrong, e.g. {@code field is immutable}
 */
public record FieldError(Type type, String field, String detail) {

  /** Kubernetes' {@code field.ErrorType}s, with the cause reason and the text a message carries. */
  public enum Type {
    INVALID("FieldValueInvalid", "Invalid value"),
    FORBIDDEN("FieldValueForbidden", "Forbidden"),
    REQUIRED("FieldValueRequired", "Required value"),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
    DUPLICATE("FieldValueDuplicate", "Duplicate value"),
    TOO_LONG("FieldValueTooLong", "Too long"),
    TOO_MANY("FieldValueTooMany", "Too many"),
    TYPE_INVALID("FieldValueTypeInvalid", "Invalid value");

    private final String reason;
    private final String text;

    Type(String reason, String text) {
      this.reason = reason;
      this.text = text;
    }

    /** The cause's {@code reason}, e.g. {@code FieldValueInvalid}. */
    public String reason() {
      return reason;
    }

    /** The words a message uses, e.g. {@code Invalid value}. */
    public String text() {
      return text;
    }
  }

  public static FieldError invalid(String field, String detail) {
    return new FieldError(Type.INVALID, field, detail);
  }

  public static FieldError forbidden(String field, String detail) {
    return new FieldError(Type.FORBIDDEN, field, detail);
  }

  public static FieldError required(String field, String detail) {
    return new FieldError(Type.REQUIRED, field, detail);
  }

  /** The cause's message as the server writes it, e.g. {@code Invalid value: "x": field is immutable}. */
  public String message() {
    return detail == null || detail.isEmpty() ? type.text() : type.text() + ": " + detail;
  }

  /** The line the Status message carries: {@code field: message}. */
  @Override
  public String toString() {
    return field + ": " + message();
  }
}
