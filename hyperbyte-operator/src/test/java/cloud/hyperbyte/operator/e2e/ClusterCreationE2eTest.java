package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.model.v1alpha1.MemberStatus;
import org.junit.jupiter.api.Test;

class ClusterCreationE2eTest extends OperatorE2eTest {

  @Test
  void aThreeReplicaClusterFormsWithThreeVotersAndReportsItsMembers() {
    create(Manifests.cluster("hdb", 3));

    awaitRunning("hdb", 3);

    HyperbytedbClusterStatus status = status("hdb");
    assertThat(voters("hdb")).containsExactly(1L, 2L, 3L);
    assertThat(status.getCurrentVersion()).isEqualTo("0.8.5");
    assertThat(status.getMembers()).extracting(MemberStatus::getPodName).containsExactly("hdb-0", "hdb-1", "hdb-2");
    assertThat(status.getMembers()).extracting(MemberStatus::getNodeId).containsExactly(1, 2, 3);
    assertThat(status.getMembers()).allSatisfy(m -> {
      assertThat(m.getState()).isEqualToIgnoringCase("active");
      assertThat(m.getVoter()).isTrue();
    });
    assertThat(condition("hdb", "Ready")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
    assertThat(events.reasons("hdb")).contains("MemberAdded");
    assertThat(events.withReason("hdb", "MemberAdded")).hasSize(2);
  }
}
