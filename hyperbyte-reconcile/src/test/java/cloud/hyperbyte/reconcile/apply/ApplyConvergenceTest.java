package cloud.hyperbyte.reconcile.apply;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ImmutableClusterSpec;
import cloud.hyperbyte.render.topology.ClusterLabels;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Properties over seeded random clusters (see {@link RandomClusters}): a cluster converged to one
 * random spec, touched by other writers, with foreign look-alike objects next to it, is planned
 * towards another random spec. Each seed is one case; a failure names its seed, so it replays.
 */
class ApplyConvergenceTest {

  static final int CASES = 100;

  final ApplyPlanner planner = ApplyPlanner.withDefaults();
  final SimulatedApiServer server = new SimulatedApiServer();

  static LongStream seeds() {
    return LongStream.range(0, CASES);
  }

  /** Executing a plan, then planning again for the same desired state, gives nothing to do. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void applyingThePlanThenReplanningGivesNothingToDo(long seed) {
    Random random = new Random(seed);
    Scenario scenario = Scenario.random(random, server, planner);

    new ApplyExecutor(server).execute(planner.plan(Clusters.UID, scenario.desired(), server.live()));
    ApplyPlan again = planner.plan(Clusters.UID, scenario.desired(), server.live());

    assertThat(again.describe())
        .as("seed %d, touched by %s", seed, scenario.touches())
        .filteredOn(l -> !l.startsWith("unchanged"))
        .isEmpty();
  }

  /** Objects without both ownership marks are never written, whatever the plan. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void foreignObjectsAreNeverWritten(long seed) {
    Random random = new Random(seed);
    Scenario scenario = Scenario.random(random, server, planner);
    List<String> foreign = scenario.foreign().stream().map(o -> ObjectRef.of(o).toString()).toList();
    server.clearRequests();

    new ApplyExecutor(server).execute(planner.plan(Clusters.UID, scenario.desired(), server.live()));

    assertThat(server.requests()).as("seed %d", seed)
        .noneMatch(r -> foreign.stream().anyMatch(f -> r.equals("delete " + f) || r.startsWith("apply " + f + " ")));
    assertThat(server.live()).extracting(o -> ObjectRef.of(o).toString()).as("seed %d", seed).containsAll(foreign);
  }

  /** The plan depends on what is live, not on the order the informer lists it in. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void thePlanDoesNotDependOnTheOrderOfLiveObjects(long seed) {
    Random random = new Random(seed);
    Scenario scenario = Scenario.random(random, server, planner);
    List<HasMetadata> shuffled = new ArrayList<>(server.live());
    Collections.shuffle(shuffled, random);

    assertThat(planner.plan(Clusters.UID, scenario.desired(), shuffled).describe())
        .isEqualTo(planner.plan(Clusters.UID, scenario.desired(), server.live()).describe());
  }

  /** A cluster converged to {@code before}, then touched by others, now desired as {@code after}. */
  record Scenario(ClusterSpec before, ClusterSpec after, List<HasMetadata> foreign, List<String> touches) {

    List<HasMetadata> desired() {
      return Clusters.render(after);
    }

    static Scenario random(Random random, SimulatedApiServer server, ApplyPlanner planner) {
      ImmutableClusterSpec base = RandomClusters.base(random);
      ImmutableClusterSpec before = RandomClusters.variant(base, random);
      ImmutableClusterSpec after = RandomClusters.variant(base, random);
      new ApplyExecutor(server).execute(planner.plan(Clusters.UID, Clusters.render(before), server.live()));
      List<String> touches = new ArrayList<>();
      for (Map.Entry<String, Consumer<ObjectNode>> touch : TOUCHES.entrySet()) {
        if (random.nextInt(3) == 0) {
          touches.add(touch.getKey());
          server.editAll(touch.getValue());
        }
      }
      List<HasMetadata> foreign = new ArrayList<>();
      for (int i = 0, n = random.nextInt(4); i < n; i++) {
        HasMetadata object = foreignObject(base, random, i);
        foreign.add(object);
        server.create(object);
      }
      return new Scenario(before, after, foreign, touches);
    }

    private static final Map<String, Consumer<ObjectNode>> TOUCHES = Map.of(
        "kubectl last-applied", OtherWriters::kubectlLastApplied,
        "cost label", OtherWriters::costLabel,
        "rollout restart", o -> {
          if (o.path("spec").has("template")) {
            OtherWriters.rolloutRestart(o);
          }
        },
        "extra env var", o -> {
          if (o.path("spec").path("template").path("spec").path("containers").size() > 0) {
            OtherWriters.extraEnvVar(o);
          }
        },
        "status update", o -> {
          if (o.has("status")) {
            o.withObjectProperty("status").put("observedGeneration", 2);
          }
        });

    /** Look-alikes: the cluster's labels without the ownership marks, or owned by another cluster. */
    private static HasMetadata foreignObject(ClusterSpec spec, Random random, int index) {
      String name = spec.name() + "-lookalike-" + index;
      var labels = ClusterLabels.common(spec);
      var otherOwner = new OwnerReferenceBuilder().withApiVersion("hyperbytedb.hyperbyte.cloud/v1alpha1")
          .withKind("HyperbytedbCluster").withName("other").withUid(Clusters.OTHER_UID).withController(true).build();
      return switch (random.nextInt(3)) {
        case 0 -> new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(spec.namespace())
            .withLabels(labels).endMetadata().addToData("k", "v").build();
        case 1 -> new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(spec.namespace())
            .withLabels(labels).withOwnerReferences(otherOwner).endMetadata().build();
        default -> new ServiceBuilder().withNewMetadata().withName(name).withNamespace(spec.namespace())
            .withLabels(labels).endMetadata().withNewSpec().endSpec().build();
      };
    }
  }
}
