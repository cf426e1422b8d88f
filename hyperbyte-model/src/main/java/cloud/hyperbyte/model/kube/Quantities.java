package cloud.hyperbyte.model.kube;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resource quantities in the grammar of {@code resource.ParseQuantity}: a signed decimal number and
 * one suffix — binary ({@code Ki Mi Gi Ti Pi Ei}), decimal ({@code n u m k M G T P E}) or an exponent
 * ({@code e3}, {@code E-2}). {@code 4GB}, {@code lots} and {@code 1.5.0} are not quantities.
 */
public final class Quantities {

  private static final Pattern QUANTITY =
      Pattern.compile("^([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$");
  private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
      Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
      Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
      Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
      Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")),
      Map.entry("m", new BigDecimal("1e-3")), Map.entry("k", new BigDecimal("1e3")),
      Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
      Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")),
      Map.entry("E", new BigDecimal("1e18")));
  /** Exponents beyond this are not quantities a resource can have; refuse rather than build huge numbers. */
  private static final int MAX_EXPONENT = 30;

  private Quantities() {}

  /** Whether {@code text} is in the quantity grammar (whatever its size). */
  public static boolean matches(String text) {
    return text != null && QUANTITY.matcher(text).matches();
  }

  /** The quantity's value (e.g. {@code 1Gi} → 1073741824, {@code 500m} → 0.5), or empty if it is not one. */
  public static Optional<BigDecimal> parse(String text) {
    return parse(text, MAX_EXPONENT);
  }

  /**
   * The quantity's value, or empty if it is not one or its exponent suffix ({@code e3}) lies beyond
   * {@code maxExponent} either way.
   */
  public static Optional<BigDecimal> parse(String text, int maxExponent) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = QUANTITY.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    BigDecimal number = new BigDecimal(m.group(1)); // BigDecimal reads ".5", "+.5" and "5." as Kubernetes does
    String suffix = m.group(2);
    if (suffix == null) {
      return Optional.of(number);
    }
    if (suffix.startsWith("e") || suffix.startsWith("E")) {
      int exponent;
      try {
        exponent = Integer.parseInt(suffix.substring(1));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      if (Math.abs(exponent) > maxExponent) {
        return Optional.empty();
      }
      return Optional.of(number.scaleByPowerOfTen(exponent));
    }
    return Optional.of(number.multiply(SUFFIXES.get(suffix)));
  }

  /** Why {@code text} is not a non-negative quantity, or empty. */
  public static Optional<String> nonNegative(String text) {
    Optional<BigDecimal> value = parse(text);
    if (value.isEmpty()) {
      return Optional.of("\"" + text + "\" is not a Kubernetes quantity: a number with an optional suffix such as"
          + " 500m, 2, 512Mi, 10Gi or 1e3 (not MB/GB)");
    }
    if (value.get().signum() < 0) {
      return Optional.of("\"" + text + "\" must be greater than or equal to 0");
    }
    return Optional.empty();
  }
}
