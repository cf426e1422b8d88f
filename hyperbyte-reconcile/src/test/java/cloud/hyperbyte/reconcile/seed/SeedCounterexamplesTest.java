package cloud.hyperbyte.reconcile.seed;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.seed.SeedObservation.Claim;
import cloud.hyperbyte.reconcile.seed.SeedObservation.Phase;
import cloud.hyperbyte.reconcile.seed.SeedObservation.SeedPod;
import cloud.hyperbyte.reconcile.seed.SeedObservation.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Counterexamples found in seeding, kept as examples and replayed pass by pass over a small model of
 * what the decision's writes leave behind: the claims and their seeded marks, the token Secrets, the
 * seed pods (a kubelet that runs each to success) and the StatefulSet, which grows as far as the plan
 * allows and shrinks when told. Each failed before the fix that came with it.
 */
class SeedCounterexamplesTest {

  private static final List<Source> HEALTHY = List.of(new Source(0, "db-0", "node-a"), new Source(1, "db-1", "node-b"),
      new Source(2, "db-2", "node-c"));

  @Test
  void aClaimAScaleDownRetainedIsSeededAgainBeforeItsMemberReturnsNotGrownOverWithItsOldRaftStateAndData() {
    Cluster cluster = new Cluster(3);
    cluster.target = 4;
    cluster.passUntilLive(4);
    cluster.pass(); // member 3 runs on its seeded claim
    // 4 -> 3: member 3 leaves Raft, the StatefulSet shrinks, whenScaled: Retain keeps data-db-3
    cluster.target = 3;
    cluster.live = 3;
    cluster.pass();
    assertThat(cluster.claims).containsKey(3);

    cluster.target = 4;
    SeedPlan returning = cluster.pass();

    assertThat(returning.allowedReplicas()).as("member 3 does not start on the volume it left").hasValue(3);
    assertThat(returning.actions()).contains(new SeedAction.CreateSourcePod(3, 1, HEALTHY.get(0)));
    cluster.passUntilLive(4);
    assertThat(cluster.seedsRestored).as("a second seed replaced the retained content").isEqualTo(2);
  }

  /** The objects the seed decision reads back; {@link #pass()} decides and applies its writes. */
  private static final class Cluster {
    int live;
    int target;
    final Map<Integer, Optional<String>> claims = new TreeMap<>();
    final TreeSet<Integer> tokens = new TreeSet<>();
    final List<SeedPod> pods = new ArrayList<>();
    int seedsRestored;

    Cluster(int live) {
      this.live = live;
      this.target = live;
      for (int ordinal = 0; ordinal < live; ordinal++) {
        claims.put(ordinal, Optional.empty());
      }
    }

    SeedPlan pass() {
      List<Claim> observed = claims.entrySet().stream().map(c -> new Claim(c.getKey(), c.getValue(), false)).toList();
      SeedPlan plan = SeedDecision.decide(new SeedObservation(true, live, target, observed, List.copyOf(tokens),
          List.copyOf(pods), HEALTHY));
      plan.actions().forEach(this::apply);
      // the lifecycle grows the StatefulSet as far as the plan allows, over claims the seeding left
      if (plan.allowedReplicas().isPresent() && plan.allowedReplicas().getAsInt() > live && target > live) {
        live = Math.min(target, plan.allowedReplicas().getAsInt());
      }
      return plan;
    }

    void passUntilLive(int replicas) {
      for (int i = 0; i < 20 && live < replicas; i++) {
        pass();
      }
      assertThat(live).as("the StatefulSet grew to " + replicas).isEqualTo(replicas);
    }

    private void apply(SeedAction action) {
      if (action instanceof SeedAction.CreateClaim create) {
        claims.putIfAbsent(create.ordinal(), Optional.empty());
      } else if (action instanceof SeedAction.CreateToken token) {
        tokens.add(token.ordinal());
      } else if (action instanceof SeedAction.CreateSourcePod source) {
        pods.add(pod(source.ordinal(), source.attempt(), SeedNames.Role.SOURCE, source.source().ordinal(),
            Phase.RUNNING));
      } else if (action instanceof SeedAction.CreateTargetPod target) {
        pods.add(pod(target.ordinal(), target.attempt(), SeedNames.Role.TARGET, target.sourceOrdinal(),
            Phase.SUCCEEDED));
        seedsRestored++;
      } else if (action instanceof SeedAction.MarkSeeded seeded) {
        claims.put(seeded.ordinal(), Optional.of(seeded.sourcePod()));
      } else if (action instanceof SeedAction.ClearSeeded cleared) {
        claims.computeIfPresent(cleared.ordinal(), (ordinal, mark) -> Optional.empty());
      } else if (action instanceof SeedAction.DeletePod delete) {
        pods.removeIf(p -> p.name().equals(delete.name()));
      } else if (action instanceof SeedAction.DeleteToken token) {
        tokens.remove(token.ordinal());
      }
    }

    private static SeedPod pod(int ordinal, int attempt, SeedNames.Role role, int source, Phase phase) {
      String name = SeedNames.pod("db", ordinal, attempt, role);
      return new SeedPod(name, "uid-" + name, ordinal, attempt, role, source, phase, Optional.of("10.0.0." + ordinal),
          Optional.empty(), false);
    }
  }
}
