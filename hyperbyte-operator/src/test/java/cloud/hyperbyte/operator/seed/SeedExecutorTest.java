package cloud.hyperbyte.operator.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ClusterSpecFactory;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.operator.kube.EventRecorder;
import cloud.hyperbyte.operator.kube.FabricClusterWrites;
import cloud.hyperbyte.operator.kube.OwnWrites;
import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.reconcile.port.ClusterRef;
import cloud.hyperbyte.reconcile.port.Fence;
import cloud.hyperbyte.reconcile.port.FencedException;
import cloud.hyperbyte.reconcile.seed.SeedAction;
import cloud.hyperbyte.reconcile.seed.SeedNames;
import cloud.hyperbyte.reconcile.seed.SeedObserver;
import cloud.hyperbyte.reconcile.seed.SeedObservation;
import cloud.hyperbyte.reconcile.seed.SeedPlan;
import cloud.hyperbyte.reconcile.seed.SeedPodRenderer;
import cloud.hyperbyte.reconcile.snapshot.ImmutableObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.render.ClusterRenderer;
import cloud.hyperbyte.testkit.kube.SimulatedKubernetes;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The seed writes against the strict simulated API server: every object is admitted, a repeated
 * pass changes nothing, nothing is written once the fence closes, and what was written reads back
 * as the observation the decision works on.
 */
class SeedExecutorTest {

  private static final Path PROJECT = Path.of(System.getProperty("hyperbyte.project.dir", ".."));
  private static final String OPERATOR_IMAGE = "ghcr.io/hyperbyte-cloud/hyperbytedb-operator:0.1.0";
  private static final SeedObservation.Source SOURCE = new SeedObservation.Source(1, "hyperbytedb-1", "node-b");

  private final SimulatedKubernetes kube = SimulatedKubernetes.start();
  private final KubernetesClient client = kube.client();

  @AfterEach
  void stop() {
    kube.close();
  }

  @Test
  void theSeedObjectsAreAdmittedAPassRepeatedChangesNothingAndTheyReadBackAsTheDecisionSeesThem() throws Exception {
    ClusterSpec spec = spec();
    SeedPodRenderer.Context context = context(spec);
    SeedPlan plan = plan(new SeedAction.CreateClaim(3), new SeedAction.CreateToken(3),
        new SeedAction.CreateSourcePod(3, 1, SOURCE), new SeedAction.CreateTargetPod(3, 1, 1, "10.0.0.7:7480"),
        new SeedAction.MarkSeeded(3, "hyperbytedb-seed-3-1-source"));
    ClusterRef ref = new ClusterRef(spec.namespace(), spec.name());

    executor(Fence.open()).execute(ref, context, plan);
    String tokenBefore = client.secrets().inNamespace(spec.namespace()).withName("hyperbytedb-seed-3").get()
        .getData().get("token");
    executor(Fence.open()).execute(ref, context, plan);

    String ns = spec.namespace();
    assertThat(client.secrets().inNamespace(ns).withName("hyperbytedb-seed-3").get().getData().get("token"))
        .as("a repeated create keeps the first token").isEqualTo(tokenBefore);
    assertThat(client.v1().events().inNamespace(ns).list().getItems())
        .filteredOn(e -> e.getReason().equals("MemberSeeding"))
        .as("the repeated pass found the source pod created: the seeding began once")
        .singleElement().satisfies(e -> assertThat(e.getCount()).isIn(null, 1));
    assertThat(client.secrets().inNamespace(ns).withName("hyperbytedb-seed-3").get().getData())
        .as("the seed's own TLS files beside the token").containsOnlyKeys("token", "ca.crt", "tls.crt", "tls.key");
    SeedObservation observed = SeedObserver.observe(observed(spec), client.pods().inNamespace(ns).list().getItems(),
        client.persistentVolumeClaims().inNamespace(ns).list().getItems(),
        client.secrets().inNamespace(ns).list().getItems());
    assertThat(observed.claims()).containsExactly(
        new SeedObservation.Claim(3, Optional.of("hyperbytedb-seed-3-1-source"), false));
    assertThat(observed.tokens()).containsExactly(3);
    assertThat(observed.pods()).extracting(SeedObservation.SeedPod::name, SeedObservation.SeedPod::role,
            SeedObservation.SeedPod::attempt, SeedObservation.SeedPod::sourceOrdinal)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("hyperbytedb-seed-3-1-source", SeedNames.Role.SOURCE, 1, 1),
            org.assertj.core.groups.Tuple.tuple("hyperbytedb-seed-3-1-target", SeedNames.Role.TARGET, 1, 1));
  }

  @Test
  void clearingTheSeededMarkLeavesTheClaimUnmarkedAndRepeatsAsANoOp() throws Exception {
    ClusterSpec spec = spec();
    ClusterRef ref = new ClusterRef(spec.namespace(), spec.name());
    executor(Fence.open()).execute(ref, context(spec), plan(new SeedAction.CreateClaim(3),
        new SeedAction.MarkSeeded(3, "hyperbytedb-seed-3-1-source")));

    executor(Fence.open()).execute(ref, context(spec), plan(new SeedAction.ClearSeeded(3), new SeedAction.ClearSeeded(3),
        new SeedAction.ClearSeeded(4)));

    SeedObservation observed = SeedObserver.observe(observed(spec), List.of(),
        client.persistentVolumeClaims().inNamespace(spec.namespace()).list().getItems(), List.of());
    assertThat(observed.claims()).containsExactly(new SeedObservation.Claim(3, Optional.empty(), false));
  }

  @Test
  void nothingIsWrittenOnceTheFenceCloses() throws Exception {
    ClusterSpec spec = spec();
    Fence closed = action -> {
      throw new FencedException("lost the Lease before: " + action);
    };

    assertThatThrownBy(() -> executor(closed).execute(new ClusterRef(spec.namespace(), spec.name()), context(spec),
        plan(new SeedAction.CreateClaim(3), new SeedAction.CreateToken(3)))).isInstanceOf(FencedException.class);

    assertThat(client.persistentVolumeClaims().inNamespace(spec.namespace()).list().getItems()).isEmpty();
    assertThat(client.secrets().inNamespace(spec.namespace()).list().getItems()).isEmpty();
  }

  private SeedExecutor executor(Fence fence) {
    return new SeedExecutor(client, new FabricClusterWrites(client, new OwnWrites(), OperatorMetrics.standalone(),
        ref -> Optional.empty(), Clock.systemUTC(), new EventRecorder(client)), fence, new SecureRandom(),
        Clock.systemUTC());
  }

  private static SeedPlan plan(SeedAction... actions) {
    return new SeedPlan(List.of(actions), OptionalInt.of(3), List.of(), Optional.empty());
  }

  private static ClusterSpec spec() throws Exception {
    HyperbytedbCluster cluster = Serialization.unmarshal(
        Files.readString(PROJECT.resolve("examples/three-node.yaml")), HyperbytedbCluster.class);
    cluster.getSpec().setReplicas(5);
    return ClusterSpecFactory.from(cluster, "cluster.local").orElseThrow();
  }

  private static SeedPodRenderer.Context context(ClusterSpec spec) {
    StatefulSet statefulSet = ClusterRenderer.render(spec).objects().stream().filter(StatefulSet.class::isInstance)
        .map(StatefulSet.class::cast).findFirst().orElseThrow();
    return new SeedPodRenderer.Context(spec, statefulSet, OPERATOR_IMAGE, Duration.ofMinutes(30));
  }

  private static ObservedCluster observed(ClusterSpec spec) {
    return ImmutableObservedCluster.builder().spec(spec).generation(1).rendered(ClusterRenderer.render(spec))
        .pods(List.of()).pvcs(List.of()).proxies(List.of()).members(Map.of()).build();
  }
}
