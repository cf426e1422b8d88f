package cloud.hyperbyte.testkit.kube.admission.crd;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A {@code resource.Quantity} as the Kubernetes CEL quantity library sees it ({@code quantity('10Gi')}):
 * an exact amount that compares by value, so {@code 1Gi} equals {@code 1024Mi}.
 *
 * @param text the quantity as written
 * @param amount the amount in base units (bytes for {@code Gi}, cores for {@code m}…)
 */
public record KubernetesQuantity(String text, BigDecimal amount) implements Comparable<KubernetesQuantity> {

  /** The serialization grammar of {@code k8s.io/apimachinery/pkg/api/resource}: number, then a suffix. */
  private static final Pattern GRAMMAR =
      Pattern.compile("^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?[0-9]+))?$");

  /** Whether {@code text} parses as a quantity. */
  public static boolean isQuantity(String text) {
    return GRAMMAR.matcher(text).matches();
  }

  /** Parses {@code text}; throws {@link IllegalArgumentException} as {@code quantity()} fails on bad input. */
  public static KubernetesQuantity parse(String text) {
    if (!isQuantity(text)) {
      throw new IllegalArgumentException("quantities must match the regular expression '" + GRAMMAR.pattern() + "'");
    }
    int split = text.length();
    while (split > 0 && !Character.isDigit(text.charAt(split - 1)) && text.charAt(split - 1) != '.') {
      split--;
    }
    String number = text.substring(0, split);
    String suffix = text.substring(split);
    BigDecimal value = new BigDecimal(number.startsWith(".") ? "0" + number : number);
    int exponent = text.indexOf('e') >= 0 ? text.indexOf('e') : text.indexOf('E');
    if (exponent >= 0) {
      value = new BigDecimal(text.substring(0, exponent)).scaleByPowerOfTen(Integer.parseInt(text.substring(exponent + 1)));
    } else {
      value = value.multiply(multiplier(suffix));
    }
    return new KubernetesQuantity(text, value);
  }

  private static BigDecimal multiplier(String suffix) {
    return switch (suffix) {
      case "" -> BigDecimal.ONE;
      case "n" -> BigDecimal.ONE.scaleByPowerOfTen(-9);
      case "u" -> BigDecimal.ONE.scaleByPowerOfTen(-6);
      case "m" -> BigDecimal.ONE.scaleByPowerOfTen(-3);
      case "k" -> BigDecimal.ONE.scaleByPowerOfTen(3);
      case "M" -> BigDecimal.ONE.scaleByPowerOfTen(6);
      case "G" -> BigDecimal.ONE.scaleByPowerOfTen(9);
      case "T" -> BigDecimal.ONE.scaleByPowerOfTen(12);
      case "P" -> BigDecimal.ONE.scaleByPowerOfTen(15);
      case "E" -> BigDecimal.ONE.scaleByPowerOfTen(18);
      case "Ki" -> BigDecimal.valueOf(1L << 10);
      case "Mi" -> BigDecimal.valueOf(1L << 20);
      case "Gi" -> BigDecimal.valueOf(1L << 30);
      case "Ti" -> BigDecimal.valueOf(1L << 40);
      case "Pi" -> BigDecimal.valueOf(1L << 50);
      case "Ei" -> BigDecimal.valueOf(1L << 60);
      default -> throw new IllegalArgumentException("unable to parse quantity's suffix");
    };
  }

  /** -1, 0 or 1 as this quantity is smaller than, equal to or larger than {@code other}. */
  @Override
  public int compareTo(KubernetesQuantity other) {
    return amount.compareTo(other.amount);
  }

  /** The sign of the amount: -1, 0 or 1. */
  public int sign() {
    return amount.signum();
  }

  /** Whether the amount is a whole number that fits a 64-bit integer. */
  public boolean isInteger() {
    try {
      amount.longValueExact();
      return true;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  /** The amount as an integer; fails like the library when it has a fraction or overflows. */
  public long asInteger() {
    return amount.longValueExact();
  }

  /** The amount as a double (may lose precision). */
  public double asApproximateFloat() {
    return amount.doubleValue();
  }

  /** The sum of two quantities. */
  public KubernetesQuantity add(KubernetesQuantity other) {
    BigDecimal sum = amount.add(other.amount);
    return new KubernetesQuantity(sum.toPlainString(), sum);
  }

  /** The difference of two quantities. */
  public KubernetesQuantity sub(KubernetesQuantity other) {
    BigDecimal difference = amount.subtract(other.amount);
    return new KubernetesQuantity(difference.toPlainString(), difference);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KubernetesQuantity q && amount.compareTo(q.amount) == 0;
  }

  @Override
  public int hashCode() {
    return amount.stripTrailingZeros().hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
