package cloud.hyperbyte.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.reconcile.apply.ObjectRef;
import cloud.hyperbyte.testkit.cluster.ShiftableClock;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OwnWritesTest {

  private static final ResourceKey DB = ResourceKey.cluster("prod", "db");
  private static final ObjectRef STS = new ObjectRef("apps/v1", "StatefulSet", "prod", "db");
  private static final ObjectRef POD = new ObjectRef("v1", "Pod", "prod", "db-2");

  private final ShiftableClock clock = ShiftableClock.at("2026-01-01T00:00:00Z");
  private final OwnWrites writes = new OwnWrites(clock, Duration.ofMinutes(2));
  private final Map<ObjectRef, HasMetadata> cache = new HashMap<>();

  private Optional<HasMetadata> live(ObjectRef ref) {
    return Optional.ofNullable(cache.get(ref));
  }

  private void cached(ObjectRef ref, String resourceVersion, String uid) {
    cache.put(ref, new PodBuilder().withNewMetadata().withName(ref.name()).withResourceVersion(resourceVersion)
        .withUid(uid).endMetadata().build());
  }

  @Test
  void aWriteIsPendingUntilTheCacheHoldsItsResourceVersionOrANewerOne() {
    cached(STS, "100", "s1");
    writes.written(DB, STS, "105");

    assertThat(writes.pending(DB, this::live)).containsExactly(STS);
    cached(STS, "107", "s1");
    assertThat(writes.pending(DB, this::live)).isEmpty();
    assertThat(writes.pending(DB, this::live)).as("a seen write is forgotten").isEmpty();
  }

  @Test
  void aDeletedPodIsPendingWhileTheCacheStillHoldsThatVeryPod() {
    cached(POD, "50", "old-uid");
    writes.deleted(DB, POD, "old-uid");

    assertThat(writes.pending(DB, this::live)).containsExactly(POD);

    cached(POD, "60", "new-uid"); // recreated by the StatefulSet controller
    assertThat(writes.pending(DB, this::live)).isEmpty();
  }

  @Test
  void writesOfOneClusterDoNotHoldBackAnother() {
    writes.written(DB, STS, "5");
    assertThat(writes.pending(ResourceKey.cluster("prod", "other"), this::live)).isEmpty();
    writes.forget(DB);
    assertThat(writes.pending(DB, this::live)).isEmpty();
  }

  @Test
  void aWriteTheCacheNeverShowsStopsHoldingTheClusterBackAfterTheTtl() {
    writes.written(DB, STS, "105");
    clock.advance(Duration.ofMinutes(1));
    assertThat(writes.pending(DB, this::live)).containsExactly(STS);

    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(writes.pending(DB, this::live)).isEmpty();
  }

  @Test
  void opaqueResourceVersionsCompareForEquality() {
    assertThat(OwnWrites.atLeast("abc", "abc")).isTrue();
    assertThat(OwnWrites.atLeast("abd", "abc")).isFalse();
    assertThat(OwnWrites.atLeast("10", "9")).isTrue();
    assertThat(OwnWrites.atLeast(null, "9")).isFalse();
  }

}
