package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.RetentionSpec;
import cloud.hyperbyte.testkit.cluster.ApiMark;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class InvalidSpecE2eTest extends OperatorE2eTest {

  @Test
  void anInvalidSpecIsReportedOnceAndTouchesNothing() throws Exception {
    restartOperator(Clock.systemUTC(), FREQUENT_RESYNC);
    ApiMark before = sim.mark();

    HyperbytedbCluster bad = Manifests.cluster("bad", 3);
    // the API server admits it (the CRD's pattern allows a zero duration); only the operator knows that
    // HyperbyteDB silently falls back to 60s. Specs the CRD refuses never reach the operator.
    RetentionSpec retention = new RetentionSpec();
    retention.setInterval("0s");
    bad.getSpec().setRetention(retention);
    create(bad);
    eventually().until(() -> condition("bad", "Ready").map(c -> "InvalidSpec".equals(c.getReason())).orElse(false));
    awaitMoreReconciles(4);

    assertThat(condition("bad", "Ready")).hasValueSatisfying(c -> {
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getMessage()).contains("spec.retention.interval", "positive humantime duration");
    });
    assertThat(condition("bad", "Degraded")).hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("InvalidSpec"));
    assertThat(sim.activitySince(before).writes()).as("one status write, no objects, no retry loop")
        .singleElement().satisfies(w -> assertThat(w.resourceWithSubresource()).isEqualTo("hyperbytedbclusters/status"));
    assertThat(user.apps().statefulSets().inNamespace(NS).list().getItems()).isEmpty();
  }

  @Test
  void builtInFieldsKubernetesWouldRefuseAreReportedWithTheirPathsAndNothingIsApplied() throws Exception {
    restartOperator(Clock.systemUTC(), FREQUENT_RESYNC);
    ApiMark before = sim.mark();

    // the kubelet would fail the first restarted member with InvalidImageName; the API server
    // would refuse the StatefulSet for requests above limits
    HyperbytedbCluster bad = Manifests.cluster("bad-builtins", 3, """
        image: "ghcr.io/x;rm -rf /"
        resources:
          requests: {cpu: "2"}
          limits: {cpu: 500m}
        """);
    create(bad);
    eventually().until(() -> condition("bad-builtins", "Ready").map(c -> "InvalidSpec".equals(c.getReason())).orElse(false));
    awaitMoreReconciles(4);

    assertThat(condition("bad-builtins", "Ready")).hasValueSatisfying(c -> assertThat(c.getMessage())
        .contains("spec.image: ", "spec.resources.requests[cpu]: ", "less than or equal to cpu limit"));
    assertThat(sim.activitySince(before).writes()).as("one status write, no objects")
        .singleElement().satisfies(w -> assertThat(w.resourceWithSubresource()).isEqualTo("hyperbytedbclusters/status"));
    assertThat(user.apps().statefulSets().inNamespace(NS).list().getItems()).isEmpty();
  }
}
