package cloud.hyperbyte.reconcile.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Given a plan, expect these writer calls in this order. */
class ApplyExecutorTest {

  static final HasMetadata CONFIG = new ConfigMapBuilder().withNewMetadata().withName("c").withNamespace("ns").endMetadata().build();
  static final HasMetadata STS = new StatefulSetBuilder().withNewMetadata().withName("s").withNamespace("ns").endMetadata().build();
  static final ObjectRef HPA = new ObjectRef("autoscaling/v2", "HorizontalPodAutoscaler", "ns", "h");
  static final ObjectRef MONITOR = new ObjectRef("monitoring.coreos.com/v1", "ServiceMonitor", "ns", "m");

  final List<String> calls = new ArrayList<>();

  final ObjectWriter recorder =
      new ObjectWriter() {
        @Override
        public void apply(HasMetadata object, String fieldManager) {
          calls.add("apply " + ObjectRef.of(object) + " as " + fieldManager);
        }

        @Override
        public void delete(ObjectRef ref, String uid) {
          if (ref.equals(HPA) && uid.equals("boom")) {
            throw new IllegalStateException("API server unavailable");
          }
          calls.add("delete " + ref + " if uid " + uid);
        }
      };

  @Test
  void appliesInPlanOrderWithTheOperatorsFieldManagerThenDeletesWithUidPreconditions() {
    ApplyPlan plan = new ApplyPlan(
        List.of(apply(CONFIG), apply(STS)),
        List.of(new PlanEntry.Prune(MONITOR, "uid-m"), new PlanEntry.Prune(HPA, "uid-h")),
        List.of(new PlanEntry.Unchanged(new ObjectRef("v1", "Service", "ns", "svc"))),
        List.of());

    int sent = new ApplyExecutor(recorder).execute(plan);

    assertThat(sent).isEqualTo(4);
    assertThat(calls).containsExactly(
        "apply ConfigMap ns/c as hyperbytedb-operator",
        "apply StatefulSet ns/s as hyperbytedb-operator",
        "delete ServiceMonitor ns/m if uid uid-m",
        "delete HorizontalPodAutoscaler ns/h if uid uid-h");
  }

  @Test
  void anEmptyPlanSendsNothing() {
    assertThat(new ApplyExecutor(recorder).execute(new ApplyPlan(List.of(), List.of(), List.of(), List.of()))).isZero();
    assertThat(calls).isEmpty();
  }

  @Test
  void theFirstFailureStopsTheRest() {
    ApplyPlan plan = new ApplyPlan(
        List.of(apply(CONFIG)), List.of(new PlanEntry.Prune(HPA, "boom"), new PlanEntry.Prune(MONITOR, "uid-m")),
        List.of(), List.of());

    assertThatThrownBy(() -> new ApplyExecutor(recorder).execute(plan)).hasMessageContaining("unavailable");
    assertThat(calls).containsExactly("apply ConfigMap ns/c as hyperbytedb-operator");
  }

  @Test
  void aPlanDescribesEveryObjectRequestsFirst() {
    ApplyPlan plan = new ApplyPlan(
        List.of(apply(STS)), List.of(new PlanEntry.Prune(HPA, "uid-h")),
        List.of(new PlanEntry.Unchanged(new ObjectRef("v1", "Service", "ns", "svc"))),
        List.of(new PlanEntry.Conflict(new ObjectRef("v1", "ConfigMap", "ns", "c"), "other")));

    assertThat(plan.describe()).containsExactly(
        "apply     StatefulSet ns/s: created",
        "prune     HorizontalPodAutoscaler ns/h: no longer desired",
        "conflict  ConfigMap ns/c: controlled by another owner (uid other)",
        "unchanged Service ns/svc: owned fields match, hash equal");
  }

  private static PlanEntry.Apply apply(HasMetadata object) {
    return new PlanEntry.Apply(ObjectRef.of(object), object, PlanEntry.ApplyCause.CREATED, Optional.empty());
  }
}
