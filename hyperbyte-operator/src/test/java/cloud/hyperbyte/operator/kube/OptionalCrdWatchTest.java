package cloud.hyperbyte.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatusBuilder;
import org.junit.jupiter.api.Test;

class OptionalCrdWatchTest {

  private static CustomResourceDefinition withCondition(String type, String status) {
    CustomResourceDefinition crd = ThirdPartyCrds.of(GenericKinds.SERVICE_MONITOR);
    crd.setStatus(new CustomResourceDefinitionStatusBuilder().addNewCondition().withType("NamesAccepted")
        .withStatus("True").endCondition().addNewCondition().withType(type).withStatus(status).endCondition().build());
    return crd;
  }

  @Test
  void aCrdIsUsableOnlyWhenItsEstablishedConditionIsTrue() {
    assertThat(OptionalCrdWatch.isEstablished(withCondition("Established", "True"))).isTrue();
    assertThat(OptionalCrdWatch.isEstablished(withCondition("Established", "False"))).isFalse();
    assertThat(OptionalCrdWatch.isEstablished(withCondition("Terminating", "True"))).isFalse();
    assertThat(OptionalCrdWatch.isEstablished(ThirdPartyCrds.of(GenericKinds.SERVICE_MONITOR)))
        .as("just created, no status yet").isFalse();
  }

  @Test
  void aCrdBeingDeletedIsNoLongerUsable() {
    CustomResourceDefinition deleting = withCondition("Established", "True");
    deleting.getMetadata().setDeletionTimestamp("2026-11-26T00:00:00Z");

    assertThat(OptionalCrdWatch.isEstablished(deleting)).isFalse();
  }
}
