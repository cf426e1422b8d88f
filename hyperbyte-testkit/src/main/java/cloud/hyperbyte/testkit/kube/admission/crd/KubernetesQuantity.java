package cloud.hyperbyte.testkit.kube.admission.crd;

import cloud.hyperbyte.model.kube.Quantities;
import java.math.BigDecimal;

/**
 * A {@code resource.Quantity} as the Kubernetes CEL quantity library sees it ({@code quantity('10Gi')}):
 * an exact amount that compares by value, so {@code 1Gi} equals {@code 1024Mi}.
 *
 * @param text the quantity as written
 * @param amount the amount in base units (bytes for {@code Gi}, cores for {@code m}…)
 */
public record KubernetesQuantity(String text, BigDecimal amount) implements Comparable<KubernetesQuantity> {

  /** Whether {@code text} parses as a quantity (the grammar of {@link Quantities}). */
  public static boolean isQuantity(String text) {
    return Quantities.matches(text);
  }

  /** Parses {@code text}; throws {@link IllegalArgumentException} as {@code quantity()} fails on bad input. */
  public static KubernetesQuantity parse(String text) {
    // the CEL library takes any exponent the grammar allows
    BigDecimal amount = Quantities.parse(text, Integer.MAX_VALUE).orElseThrow(() -> new IllegalArgumentException(
        "quantities must be a number with an optional suffix (Ki..Ei, n..E or an exponent): \"" + text + "\""));
    return new KubernetesQuantity(text, amount);
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
