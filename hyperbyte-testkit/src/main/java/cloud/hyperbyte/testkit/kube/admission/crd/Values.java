package cloud.hyperbyte.testkit.kube.admission.crd;

import tools.jackson.databind.JsonNode;

/** Values as Kubernetes' {@code field.Error} prints them after {@code Invalid value:}. */
final class Values {

  private Values() {}

  /** {@code "text"} for strings, the number or bool as is, {@code null}, or the JSON of a composite. */
  static String describe(JsonNode value) {
    if (value.isString()) {
      return quote(value.asText());
    }
    if (value.isNumber()) {
      return value.isIntegralNumber() ? value.asText() : number(value.asDouble());
    }
    return value.toString();
  }

  /** {@code %q} of Go: a double-quoted string with quotes and backslashes escaped. */
  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** {@code %v} of a Go float64: whole numbers without a fraction. */
  static String number(double number) {
    return number == Math.rint(number) && Math.abs(number) < 1e15 ? Long.toString((long) number)
        : Double.toString(number);
  }
}
