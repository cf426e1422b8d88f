package cloud.hyperbyte.reconcile.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ImmutableClusterSpec;
import cloud.hyperbyte.reconcile.decision.Scenario;
import cloud.hyperbyte.render.ClusterRenderer;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PendingTemplateTest {

  /** A converged cluster whose live StatefulSet carries the template rendered for {@code live}, observed with {@code desired}. */
  private static ObservedCluster observed(ClusterSpec live, ClusterSpec desired) {
    ObservedCluster converged = Scenario.running(3).build();
    StatefulSet rendered = ClusterRenderer.render(live).objects().stream().filter(StatefulSet.class::isInstance)
        .map(StatefulSet.class::cast).findFirst().orElseThrow();
    StatefulSet liveSet = new StatefulSetBuilder(converged.statefulSet().orElseThrow())
        .editSpec().withTemplate(rendered.getSpec().getTemplate()).endSpec().build();
    return ImmutableObservedCluster.copyOf(converged).withSpec(desired).withRendered(ClusterRenderer.render(desired))
        .withStatefulSet(liveSet);
  }

  @Test
  void aNewOrRemovedRestartRequestIsAPendingTemplateChangeAndTheSameOneIsNot() {
    ClusterSpec plain = Scenario.running(3).build().spec();
    ClusterSpec requested = ImmutableClusterSpec.copyOf(plain)
        .withRestartedAt(Optional.of("2026-12-07T07:00:00Z"));

    assertThat(observed(plain, requested).podTemplatePending()).as("requested").isTrue();
    assertThat(observed(requested, plain).podTemplatePending()).as("request removed").isTrue();
    assertThat(observed(requested, requested).podTemplatePending()).as("same request").isFalse();
    assertThat(observed(plain, plain).podTemplatePending()).as("no request").isFalse();
  }
}
