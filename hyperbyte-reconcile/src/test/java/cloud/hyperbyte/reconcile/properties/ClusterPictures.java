package cloud.hyperbyte.reconcile.properties;

import cloud.hyperbyte.reconcile.decision.LifecycleMemory;
import cloud.hyperbyte.reconcile.decision.ScaleDownProgress;
import cloud.hyperbyte.reconcile.decision.ScaleDownStep;
import cloud.hyperbyte.reconcile.decision.Scenario;
import cloud.hyperbyte.reconcile.decision.UpgradeProgress;
import cloud.hyperbyte.reconcile.decision.UpgradeStep;
import cloud.hyperbyte.reconcile.port.NodeState;
import cloud.hyperbyte.reconcile.properties.ClusterPicture.MemberPicture;
import cloud.hyperbyte.reconcile.properties.ClusterPicture.Settings;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of observed clusters. Deviations from a healthy cluster are each fairly rare, so that
 * most generated clusters are close enough to healthy for operations to start (a drain, a restart, a
 * failover) and the invariants are exercised, not only the "blocked" paths.
 */
final class ClusterPictures {

  private static final int MAX_MEMBERS = 7;

  private ClusterPictures() {}

  /** Any cluster: 1–7 running, 1–7 wanted, any member states, leader, voters, settings and memory. */
  static Arbitrary<ClusterPicture> clusters() {
    Arbitrary<Integer> sizes = Arbitraries.integers().between(1, MAX_MEMBERS);
    return Combinators.combine(sizes, sizes, Arbitraries.integers().between(0, 2), leaders(), voterSets(), learners(),
            members(), settings())
        .as((running, spec, extra, leader, voters, learners, members, settings) ->
            Tuple.of(running, spec, extra, leader, voters, learners, members, settings))
        .flatMap(t -> memories().map(memory ->
            new ClusterPicture(t.get1(), t.get2(), t.get3(), t.get4(), t.get5(), t.get6(), t.get7(), t.get8(), memory)));
  }

  /** Clusters with {@code spec.paused: true}. */
  static Arbitrary<ClusterPicture> pausedClusters() {
    return clusters().map(c -> c.withSettings(c.settings().paused(true)));
  }

  /** Clusters a restore holds. */
  static Arbitrary<ClusterPicture> heldClusters() {
    return clusters().map(c -> c.withSettings(c.settings().paused(false).held(true)));
  }

  private static Arbitrary<Optional<Long>> leaders() {
    return Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.just(Optional.of(1L))),
        Tuple.of(4, Arbitraries.longs().between(1, MAX_MEMBERS).map(Optional::of)),
        Tuple.of(1, Arbitraries.just(Optional.empty())));
  }

  /** Mostly "every running node", otherwise any subset of nodes 1–7, the empty one included. */
  private static Arbitrary<Optional<Set<Long>>> voterSets() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(Optional.empty())),
        Tuple.of(2, nodeIds().set().ofMaxSize(MAX_MEMBERS).map(Optional::of)));
  }

  private static Arbitrary<Set<Long>> learners() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.just(Set.of())),
        Tuple.of(1, nodeIds().set().ofMaxSize(2)));
  }

  private static Arbitrary<Long> nodeIds() {
    return Arbitraries.longs().between(1, MAX_MEMBERS);
  }

  private static Arbitrary<List<MemberPicture>> members() {
    return member().list().ofSize(MAX_MEMBERS);
  }

  private static Arbitrary<MemberPicture> member() {
    Arbitrary<NodeState> states = Arbitraries.frequencyOf(
        Tuple.of(12, Arbitraries.just(NodeState.ACTIVE)),
        Tuple.of(3, Arbitraries.of(NodeState.class)));
    return Combinators.combine(
            rarely(20),
            rarely(8),
            rarely(20),
            rarely(3),
            rarely(8),
            states,
            rarely(20),
            Combinators.combine(rarely(20), rarely(30), rarely(15)).as(Tuple::of))
        .as((missing, notReady, terminating, updated, unreachable, state, healthFails, raft) ->
            new MemberPicture(missing, notReady, terminating, updated, unreachable, state, healthFails,
                raft.get1(), raft.get2(), raft.get3()));
  }

  /** True about once in {@code n}; shrinks towards false. */
  private static Arbitrary<Boolean> rarely(int n) {
    return Arbitraries.integers().between(1, n).map(i -> i == n);
  }

  private static Arbitrary<Settings> settings() {
    return Combinators.combine(
            Arbitraries.of(true, false),
            rarely(4),
            Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(OptionalInt.empty())),
                Tuple.of(1, Arbitraries.integers().between(0, MAX_MEMBERS).map(OptionalInt::of))),
            Arbitraries.integers().between(0, 2),
            rarely(8),
            rarely(10),
            Arbitraries.of(true, false),
            Combinators.combine(
                    Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false)),
                    Arbitraries.integers().between(1, 3),
                    Arbitraries.of(30, 120, 300, 600))
                .as(Tuple::of))
        .as((newTemplate, onDelete, partition, proxies, paused, held, deletePvc, failover) ->
            new Settings(newTemplate, onDelete, partition, proxies, paused, held, deletePvc, failover.get1(),
                failover.get2(), failover.get3()));
  }

  /** Memory as a status may carry it: any ordinals, steps and start times up to 20 minutes back. */
  static Arbitrary<LifecycleMemory> memories() {
    Arbitrary<Instant> past = Arbitraries.integers().between(0, 1200).map(s -> Scenario.NOW.minusSeconds(s));
    Arbitrary<Integer> ordinals = Arbitraries.integers().between(0, MAX_MEMBERS - 1);
    Arbitrary<UpgradeProgress> upgrade = Combinators.combine(
            Arbitraries.of("r1", "r2"),
            ordinals.optional(0.7),
            Arbitraries.of(UpgradeStep.class),
            past,
            ordinals.list().uniqueElements().ofMaxSize(3))
        .as((target, ordinal, step, at, done) -> new UpgradeProgress(target,
            ordinal.map(OptionalInt::of).orElse(OptionalInt.empty()), ordinal.map(o -> step), at, done));
    Arbitrary<ScaleDownProgress> scaleDown = Combinators.combine(
            Arbitraries.integers().between(1, MAX_MEMBERS), ordinals, Arbitraries.of(ScaleDownStep.class), past)
        .as(ScaleDownProgress::new);
    return Combinators.combine(
            Arbitraries.maps(ordinals, past).ofMaxSize(3),
            Arbitraries.integers().between(0, 3),
            upgrade.optional(0.3),
            scaleDown.optional(0.25))
        // no pod UIDs: each since applies to whatever pod runs, the most failover-prone reading
        .as((since, count, up, down) -> new LifecycleMemory(since, java.util.Map.of(), count, up, down));
  }
}
