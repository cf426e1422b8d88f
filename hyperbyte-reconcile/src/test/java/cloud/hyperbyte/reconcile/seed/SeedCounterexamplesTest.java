package cloud.hyperbyte.reconcile.seed;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.seed.SeedObservation.Source;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Counterexamples found in seeding, kept as examples and replayed pass by pass over a {@link
 * SeedWorld}. Each failed before the fix that came with it.
 */
class SeedCounterexamplesTest {

  @Test
  void aClaimAScaleDownRetainedIsSeededAgainBeforeItsMemberReturnsNotGrownOverWithItsOldRaftStateAndData() {
    SeedWorld cluster = new SeedWorld(3, () -> true, () -> false);
    cluster.scale(4, true);
    cluster.passUntilLive(4);
    cluster.pass(); // member 3 runs on its seeded claim
    cluster.scale(3, true); // member 3 leaves Raft, the StatefulSet shrinks, whenScaled: Retain keeps data-db-3
    cluster.pass();
    assertThat(cluster.live).isEqualTo(3);
    assertThat(cluster.claims).containsKey(3);

    cluster.scale(4, true);
    SeedPlan returning = cluster.pass();

    assertThat(returning.allowedReplicas()).as("member 3 does not start on the volume it left").hasValue(3);
    assertThat(returning.actions()).contains(new SeedAction.CreateSourcePod(3, 1, new Source(0, "db-0", "node-0")));
    cluster.passUntilLive(4);
    assertThat(cluster.live).isEqualTo(4);
    assertThat(cluster.seedsRestored).as("a second seed replaced the retained content").isEqualTo(2);
    assertThat(cluster.grownOverStale).isEmpty();
  }

  /**
   * Found by {@link SeedHistoryPropertiesTest} (seed 5665300257949039889) when only the seeded mark was
   * removed before the StatefulSet write: the round's seed pods were to be deleted after it, the
   * scale-down's pass failed there, and the succeeded target left behind marked the retained claim
   * seeded again when the member came back, without a new transfer.
   */
  @Test
  void aSucceededTargetOfAnEarlierRoundDoesNotMarkTheClaimAScaleDownRetainedWhenItsWritesFailed() {
    Iterator<Boolean> written = Stream.generate(() -> List.of(true, true, true, false)).flatMap(List::stream).iterator();
    SeedWorld cluster = new SeedWorld(3, () -> true, () -> !written.next());

    cluster.scale(1, true);
    cluster.pass();
    cluster.scale(2, true);
    IntStream.range(0, 7).forEach(pass -> cluster.pass());
    cluster.scale(1, true);
    cluster.pass();
    cluster.scale(2, true);
    IntStream.range(0, 2).forEach(pass -> cluster.pass());

    assertThat(cluster.grownOverStale).as("members started on a volume without a fresh seed").isEmpty();
  }
}
