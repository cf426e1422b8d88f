package cloud.hyperbyte.testkit.kube.admission.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Quantities compare by amount, as the Kubernetes CEL quantity library compares them. */
class KubernetesQuantityTest {

  @Test
  void binaryDecimalAndExponentSuffixesScaleTheNumber() {
    assertThat(KubernetesQuantity.parse("1Gi")).isEqualTo(KubernetesQuantity.parse("1024Mi"));
    assertThat(KubernetesQuantity.parse("1k")).isEqualTo(KubernetesQuantity.parse("1e3"));
    assertThat(KubernetesQuantity.parse("500m").compareTo(KubernetesQuantity.parse("1"))).isNegative();
    assertThat(KubernetesQuantity.parse("1.5Gi").compareTo(KubernetesQuantity.parse("1536Mi"))).isZero();
    assertThat(KubernetesQuantity.parse("20Gi").compareTo(KubernetesQuantity.parse("10Gi"))).isPositive();
  }

  @Test
  void textThatIsNotAQuantityIsRefused() {
    assertThat(KubernetesQuantity.isQuantity("10Gb")).isFalse();
    assertThat(KubernetesQuantity.isQuantity("ten")).isFalse();
    assertThatThrownBy(() -> KubernetesQuantity.parse("10Gb")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCelLibraryFunctionsWorkOnQuantities() throws Exception {
    KubernetesCel.Compiled rule = KubernetesCel.compileRule(
        "isQuantity(self) && quantity(self).isGreaterThan(quantity('1Gi')) && quantity(self).sign() == 1"
            + " && quantity(self).add(quantity('1Gi')).compareTo(quantity('3Gi')) == 0", false);

    assertThat(rule.error()).isNull();
    assertThat(KubernetesCel.evaluate(rule, Map.of("self", "2Gi"))).isEqualTo(true);
    assertThat(KubernetesCel.evaluate(rule, Map.of("self", "1Gi"))).isEqualTo(false);
  }
}
