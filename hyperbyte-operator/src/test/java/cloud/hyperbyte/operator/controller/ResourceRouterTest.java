package cloud.hyperbyte.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.operator.queue.ReconcileResult;
import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.operator.queue.ResourceKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class ResourceRouterTest {

  private final OperatorMetrics metrics = OperatorMetrics.standalone();
  private final List<String> contexts = new ArrayList<>();

  private double counter(String name, String kind) {
    return metrics.registry().scrape().stream()
        .filter(s -> s.getMetadata().getPrometheusName().equals(name))
        .flatMap(s -> s.getDataPoints().stream())
        .filter(p -> kind.equals(p.getLabels().get("kind")))
        .mapToDouble(p -> ((io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot) p).getValue())
        .sum();
  }

  @Test
  void eachKindGoesToItsReconcilerWithTheResourceInTheLoggingContext() throws Exception {
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    ResourceRouter router = new ResourceRouter(Map.of(ResourceKind.CLUSTER, key -> {
      contexts.add(MDC.get("resource"));
      return ReconcileResult.requeueAt(at);
    }), metrics);

    ReconcileResult result = router.handle(ResourceKey.cluster("prod", "db"));

    assertThat(result.requeueAt()).contains(at);
    assertThat(contexts).containsExactly("HyperbytedbCluster prod/db");
    assertThat(MDC.get("resource")).isNull();
    assertThat(counter("hyperbyte_operator_reconciles", "HyperbytedbCluster")).isEqualTo(1);
  }

  @Test
  void aFailureIsCountedAndPropagatedForTheQueuesBackoff() {
    ResourceRouter router = new ResourceRouter(Map.of(ResourceKind.CLUSTER, key -> {
      throw new IllegalStateException("API down");
    }), metrics);

    assertThatThrownBy(() -> router.handle(ResourceKey.cluster("prod", "db"))).hasMessage("API down");
    assertThat(counter("hyperbyte_operator_reconcile_errors", "HyperbytedbCluster")).isEqualTo(1);
  }

  @Test
  void aKindWithoutReconcilerIsDoneWithoutCounting() throws Exception {
    ResourceRouter router = new ResourceRouter(Map.of(), metrics);
    assertThat(router.handle(ResourceKey.backup("prod", "nightly")).requeueAt()).isEmpty();
    assertThat(counter("hyperbyte_operator_reconciles", "HyperbytedbBackup")).isZero();
  }
}
