package cloud.hyperbyte.reconcile.plan;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ClusterSpecFactory;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterSpec;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.reconcile.adoption.AdoptionInput;
import cloud.hyperbyte.reconcile.adoption.AdoptionPlan;
import cloud.hyperbyte.reconcile.apply.AppliedHash;
import cloud.hyperbyte.reconcile.decision.Action;
import cloud.hyperbyte.reconcile.decision.ClusterLifecycle;
import cloud.hyperbyte.reconcile.decision.LifecycleTimings;
import cloud.hyperbyte.reconcile.snapshot.LiveObjects;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedPod;
import cloud.hyperbyte.reconcile.snapshot.RecordedMemberFacts;
import cloud.hyperbyte.reconcile.snapshot.TemplateInputs;
import cloud.hyperbyte.render.ClusterRenderer;
import cloud.hyperbyte.render.RenderOptions;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Adoption runs inside the operator's pass, so the operator and {@code hyperbyte plan} take the same
 * steps, in the same order: given the objects the Go operator made for a running cluster (no
 * applied-hash annotation, {@code OrderedReady}, unlabelled claim templates, a {@code minAvailable}
 * budget, its proxy while {@code spec.proxy} is omitted, its finalizer), the pass first only releases
 * the finalizer, then writes no StatefulSet and withholds the budget while it replaces the StatefulSet,
 * and the plan lists every adoption step before one restart per member.
 */
class ReconcilePassAdoptionTest {

  private static final Instant START = Instant.parse("2026-12-07T08:00:00Z");
  private static final String UID = "uid-1";
  private final ChangePlanner planner = new ChangePlanner(START, LifecycleTimings.defaults());

  @Nested
  class OnePass {

    @Test
    void withTheGoFinalizerOnlyReleasesIt() {
      Go go = goMade(c -> {});

      ReconcilePass pass = pass(go.cluster(), go.objects());

      assertThat(pass.releasesGoFinalizer()).isTrue();
    }

    @Test
    void whilePausedKeepsTheFinalizerAndReplacesNothing() {
      Go go = goMade(c -> c.getSpec().setPaused(true));

      ReconcilePass pass = pass(go.cluster(), go.objects());

      assertThat(pass.releasesGoFinalizer()).isFalse();
      assertThat(pass.lifecycle().actions()).isEmpty();
      assertThat(pass.adoption().notices()).anySatisfy(n -> assertThat(n.message()).contains("no longer paused"));
    }

    @Test
    void thenReplacesTheStatefulSetAloneWithholdsTheBudgetAndKeepsTheGoProxy() {
      Go go = goMade(c -> c.getMetadata().setFinalizers(List.of()));

      ReconcilePass pass = pass(go.cluster(), go.objects());

      assertThat(pass.releasesGoFinalizer()).isFalse();
      assertThat(pass.lifecycle().actions()).singleElement().isInstanceOfSatisfying(Action.OrphanStatefulSet.class,
          orphan -> assertThat(orphan.uid()).isEqualTo("go-sts"));
      assertThat(pass.desired(o -> false)).extracting(HasMetadata::getKind)
          .doesNotContain("StatefulSet", "PodDisruptionBudget").contains("ConfigMap", "Service");
      assertThat(pass.prunable(go.objects())).extracting(o -> o.getKind() + " " + o.getMetadata().getName())
          .doesNotContain("Deployment db-proxy", "Service db-proxy").contains("PodDisruptionBudget db-pdb");
    }

    @Test
    void replacesASecretItWritesWhoseLiveTypeCannotChangeIntoIts() {
      Go go = goMade(c -> c.getMetadata().setFinalizers(List.of()));
      Secret goTls = new SecretBuilder().withMetadata(owned("db-tls")).withType("kubernetes.io/tls").build();
      List<HasMetadata> objects = new ArrayList<>(go.objects());
      objects.add(goTls);
      Secret ours = new SecretBuilder().withNewMetadata().withName("db-tls").endMetadata().withType("Opaque").build();

      ReconcilePass pass = ReconcilePass.decide(observe(go.cluster(), objects), RenderOptions.defaults(), lifecycle(),
          AdoptionInput.of(go.cluster(), objects, List.of(ours)));

      assertThat(pass.adoption().staleSecret(ours)).contains("uid-db-tls");
      assertThat(pass.adoption().replaceSecrets()).singleElement().satisfies(r -> {
        assertThat(r.staleType()).isEqualTo("kubernetes.io/tls");
        assertThat(r.type()).isEqualTo("Opaque");
      });
    }
  }

  @Nested
  class ThePlan {

    @Test
    void listsEveryAdoptionStepInTheOperatorsOrderThenOneRestartPerMemberTheLeaderLast() {
      Go go = goMade(c -> {});

      ChangePlan plan = planner.plan(spec(go.cluster()), go.cluster(), go.objects(), n -> Optional.of(true),
          RenderOptions.defaults());

      assertThat(plan.finished()).isTrue();
      assertThat(steps(plan)).containsExactly(
          "remove-finalizer HyperbytedbCluster db",
          "replace-pdb PodDisruptionBudget db-pdb",
          "keep-proxy Deployment db-proxy",
          "keep-proxy Service db-proxy",
          "replace-statefulset StatefulSet db",
          "restart db-2", "add-node db-2", "restart db-1", "add-node db-1", "restart db-0", "add-node db-0");
      assertThat(plan.steps()).filteredOn(s -> s.action().equals("restart"))
          .allSatisfy(s -> assertThat(s.reason()).startsWith("reason: adoption"));
      assertThat(plan.risks().membersRestarted()).isEqualTo(3);
      assertThat(plan.risks().maxMembersOutAtOnce()).isEqualTo(1);
      assertThat(plan.risks().dataDeleted()).isEmpty();
      assertThat(plan.risks().flagged()).anySatisfy(f -> assertThat(f)
          .startsWith("StatefulSet db is deleted with orphan propagation").contains("no PVC is deleted"));
      assertThat(plan.objects()).extracting(o -> o.action() + " " + o.kind() + " " + o.name())
          .contains("replace StatefulSet db", "replace PodDisruptionBudget db-pdb", "kept Deployment db-proxy",
              "kept Service db-proxy");
    }

    @Test
    void aMemberWithWalHistoryUnderAsyncReplicationIsNotReAddedItsDrainTimesOutAndItsPeersKeepIt() {
      Go go = goMade(c -> c.getStatus().getMembers().forEach(m -> m.setWalSequence(42L)));

      ChangePlan plan = planner.plan(spec(go.cluster()), go.cluster(), go.objects(), n -> Optional.of(true),
          RenderOptions.defaults());

      assertThat(steps(plan)).filteredOn(s -> s.startsWith("restart") || s.startsWith("add-node"))
          .containsExactly("restart db-2", "restart db-1", "restart db-0");
    }

    @Test
    void underSyncQuorumADrainCompletesSoEveryRestartedMemberIsReAdded() {
      Go go = goMade(c -> c.getStatus().getMembers().forEach(m -> m.setWalSequence(42L)));
      List<HasMetadata> objects = go.objects().stream().map(o -> o instanceof ConfigMap config
          && config.getMetadata().getName().equals("db-config") ? syncQuorum(config) : o).toList();

      ChangePlan plan = planner.plan(spec(go.cluster()), go.cluster(), objects, n -> Optional.of(true),
          RenderOptions.defaults());

      assertThat(steps(plan)).filteredOn(s -> s.startsWith("restart") || s.startsWith("add-node"))
          .as("the Go pods ran sync_quorum; the first restart of each is its only one").containsExactly(
              "restart db-2", "add-node db-2", "restart db-1", "add-node db-1", "restart db-0", "add-node db-0");
    }
  }

  /** The cluster and objects the Go operator left. */
  private record Go(HyperbytedbCluster cluster, List<HasMetadata> objects) {}

  /**
   * A three-member cluster converged by the planner, turned into what the Go operator makes: no
   * applied-hash annotation anywhere, {@code OrderedReady}, unlabelled claim templates, a budget with
   * {@code minAvailable}, its proxy Deployment and Service, its finalizer; then {@code change}.
   */
  private Go goMade(Consumer<HyperbytedbCluster> change) {
    HyperbytedbCluster created = cluster();
    ChangePlanner.Outcome converged = planner.project(spec(created), created, List.of(), n -> Optional.of(true),
        RenderOptions.defaults());
    assertThat(converged.plan().finished()).isTrue();
    List<HasMetadata> objects = new ArrayList<>();
    for (HasMetadata object : converged.last().objects()) {
      HasMetadata go = Serialization.clone(object);
      Optional.ofNullable(go.getMetadata().getAnnotations()).ifPresent(a -> a.remove(AppliedHash.ANNOTATION));
      if (go.getMetadata().getUid() == null) {
        go.getMetadata().setUid("go-" + go.getKind() + "-" + go.getMetadata().getName());
      }
      if (!(go instanceof Pod) && !(go instanceof PersistentVolumeClaim)) {
        go.getMetadata().setOwnerReferences(owned(go.getMetadata().getName()).getOwnerReferences());
      }
      if (go instanceof StatefulSet set) {
        set.getMetadata().setUid("go-sts");
        set.getSpec().setPodManagementPolicy("OrderedReady");
        set.getSpec().getVolumeClaimTemplates().forEach(t -> t.getMetadata().setLabels(null));
        set.getSpec().getTemplate().getSpec().setInitContainers(List.of(goInit()));
        set.getStatus().setCurrentRevision("db-go");
        set.getStatus().setUpdateRevision("db-go");
      }
      if (go instanceof Pod pod) {
        pod.getSpec().setInitContainers(List.of(goInit()));
        pod.getMetadata().getLabels().put(ObservedPod.REVISION_LABEL, "db-go");
      }
      if (go instanceof PodDisruptionBudget budget) {
        budget.getSpec().setMaxUnavailable(null);
        budget.getSpec().setMinAvailable(new IntOrString(2));
      }
      objects.add(go);
    }
    objects.add(new DeploymentBuilder().withMetadata(owned("db-proxy")).withNewSpec().withReplicas(1)
        .withNewTemplate().withNewMetadata().addToLabels("app.kubernetes.io/name", "hyperbytedb-proxy").endMetadata()
        .withNewSpec().endSpec().endTemplate().endSpec().build());
    objects.add(new ServiceBuilder().withMetadata(owned("db-proxy")).build());
    HyperbytedbCluster cluster = Serialization.clone(converged.last().cluster());
    cluster.getMetadata().setFinalizers(List.of(AdoptionPlan.GO_FINALIZER));
    change.accept(cluster);
    return new Go(cluster, objects);
  }

  private static Container goInit() {
    return new ContainerBuilder().withName(TemplateInputs.GO_OPERATOR_INIT_CONTAINER).withImage("busybox").build();
  }

  private static io.fabric8.kubernetes.api.model.ObjectMeta owned(String name) {
    return new ObjectMetaBuilder().withName(name).withNamespace("prod").withUid("uid-" + name)
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("hyperbytedb.hyperbyte.cloud/v1alpha1")
            .withKind(HyperbytedbCluster.KIND).withName("db").withUid(UID).withController(true).build())
        .build();
  }

  private static ConfigMap syncQuorum(ConfigMap config) {
    ConfigMap copy = Serialization.clone(config);
    Map<String, String> data = new HashMap<>(copy.getData());
    data.put("config.toml", data.get("config.toml") + "\n[cluster.replication]\nmode = \"sync_quorum\"\n");
    copy.setData(data);
    return copy;
  }

  private static ReconcilePass pass(HyperbytedbCluster cluster, List<HasMetadata> objects) {
    return ReconcilePass.decide(observe(cluster, objects), RenderOptions.defaults(), lifecycle(),
        AdoptionInput.of(cluster, objects, List.of()));
  }

  private static ObservedCluster observe(HyperbytedbCluster cluster, List<HasMetadata> objects) {
    ClusterSpec spec = spec(cluster);
    LiveObjects live = new ProjectedCluster(cluster, objects, Map.of()).live(spec);
    HyperbytedbClusterStatus status = cluster.getStatus();
    return live.observe(spec, cluster, status, 1, ClusterRenderer.render(spec, RenderOptions.defaults()),
        live.storage(spec, n -> Optional.of(true)), RecordedMemberFacts.from(status, live.memberPods(spec)).facts());
  }

  private static ClusterLifecycle lifecycle() {
    return new ClusterLifecycle(Clock.fixed(START, ZoneOffset.UTC), LifecycleTimings.defaults());
  }

  private static List<String> steps(ChangePlan plan) {
    return plan.steps().stream().filter(s -> !s.action().endsWith("-from-proxy") && !s.action().endsWith("-in-proxy"))
        .map(s -> s.action() + " " + s.member().or(s::object).orElse("-")).toList();
  }

  private static HyperbytedbCluster cluster() {
    HyperbytedbClusterSpec spec = new HyperbytedbClusterSpec();
    spec.setReplicas(3);
    spec.setVersion("0.8.5");
    HyperbytedbCluster cluster = new HyperbytedbCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName("db").withNamespace("prod").withUid(UID)
        .withGeneration(1L).build());
    cluster.setSpec(spec);
    return cluster;
  }

  private static ClusterSpec spec(HyperbytedbCluster cluster) {
    return ClusterSpecFactory.from(cluster, "cluster.local").orElseThrow();
  }
}
