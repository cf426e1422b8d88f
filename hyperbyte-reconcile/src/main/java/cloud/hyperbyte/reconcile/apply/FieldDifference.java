package cloud.hyperbyte.reconcile.apply;

/**
 * The first operator-owned field whose live value is not the desired one. Only the path is kept, not
 * the values: plans are logged, and values may be Secret data or whole config files.
 */
public record FieldDifference(String path, Type type) {

  /** Whether the live object lacks the field or holds another value. */
  public enum Type {
    MISSING,
    DIFFERENT
  }

  @Override
  public String toString() {
    return "field " + path + (type == Type.MISSING ? " is missing" : " differs");
  }
}
