package cloud.hyperbyte.reconcile.apply;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ImmutableProxySettings;
import cloud.hyperbyte.model.spec.ProxySettings;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.Collections;
import java.util.Optional;
import cloud.hyperbyte.model.spec.ImmutableClusterSpec;
import cloud.hyperbyte.model.spec.ImmutableMonitoringSettings;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterSpec;
import cloud.hyperbyte.reconcile.apply.PlanEntry.ApplyCause;
import cloud.hyperbyte.render.topology.ClusterLabels;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** Given desired objects (rendered from a spec) and live objects, expect these requests. */
class ApplyPlannerTest {

  static final ImmutableClusterSpec SPEC = Clusters.allFeatures();
  static final ClusterNames NAMES = ClusterNames.of(SPEC);
  static final String NS = SPEC.namespace();

  final ApplyPlanner planner = ApplyPlanner.withDefaults();
  final SimulatedApiServer server = new SimulatedApiServer();

  ApplyPlan plan(ClusterSpec spec) {
    return planner.plan(Clusters.UID, Clusters.render(spec), server.live());
  }

  /** Brings the server to {@code spec} and forgets the requests that took. */
  void converge(ClusterSpec spec) {
    new ApplyExecutor(server).execute(plan(spec));
    server.clearRequests();
  }

  static List<String> refs(List<? extends PlanEntry> entries) {
    return entries.stream().map(e -> e.ref().toString()).toList();
  }

  static String ref(String kind, String name) {
    return kind + " " + NS + "/" + name;
  }

  @Nested
  class WhenNothingIsLive {

    @Test
    void everyDesiredObjectIsCreatedInDependencyOrder() {
      ApplyPlan plan = plan(SPEC);

      assertThat(refs(plan.applies()))
          .containsExactly(
              ref("ConfigMap", NAMES.configMap()),
              ref("ConfigMap", NAMES.dashboardConfigMap()),
              ref("Service", NAMES.headlessService()),
              ref("Service", NAMES.clientService()),
              ref("Service", NAMES.proxyService()),
              ref("StatefulSet", NAMES.statefulSet()),
              ref("Deployment", NAMES.proxyDeployment()),
              ref("PodDisruptionBudget", NAMES.podDisruptionBudget()),
              ref("HorizontalPodAutoscaler", NAMES.horizontalPodAutoscaler()),
              ref("ServiceMonitor", NAMES.serviceMonitor()),
              ref("PrometheusRule", NAMES.prometheusRule()));
      assertThat(plan.applies()).allSatisfy(a -> assertThat(a.cause()).isEqualTo(ApplyCause.CREATED));
      assertThat(plan.applies()).allSatisfy(a -> assertThat(a.reason()).isEqualTo("created"));
      assertThat(plan.prunes()).isEmpty();
      assertThat(plan.unchanged()).isEmpty();
    }

    @Test
    void appliedObjectsCarryTheHashOfTheirDesiredState() {
      ApplyPlan plan = plan(SPEC);

      assertThat(plan.applies())
          .allSatisfy(a -> assertThat(a.object().getMetadata().getAnnotations()).containsKey(AppliedHash.ANNOTATION));
      // the desired objects the caller passed in are not modified
      assertThat(Clusters.render(SPEC))
          .allSatisfy(o -> assertThat(o.getMetadata().getAnnotations()).doesNotContainKey(AppliedHash.ANNOTATION));
    }

    @Test
    void executingThePlanAppliesWithTheOperatorsFieldManager() {
      new ApplyExecutor(server).execute(plan(SPEC));

      assertThat(server.requests()).hasSize(11).allSatisfy(r -> assertThat(r).endsWith(" as hyperbytedb-operator"));
    }
  }

  @Nested
  class WhenLiveAlreadyMatches {

    @Test
    void liveWithServerDefaultsStatusAndOtherWritersChangesGivesZeroWrites() {
      converge(SPEC);
      server.editAll(OtherWriters::kubectlLastApplied);
      server.editAll(OtherWriters::costLabel);
      server.edit(GroupKind.STATEFUL_SET, NAMES.statefulSet(), OtherWriters::rolloutRestart);
      server.edit(GroupKind.DEPLOYMENT, NAMES.proxyDeployment(), OtherWriters::rolloutRestart);
      server.edit(GroupKind.DEPLOYMENT, NAMES.proxyDeployment(), OtherWriters::extraEnvVar);
      server.edit(GroupKind.HORIZONTAL_POD_AUTOSCALER, NAMES.horizontalPodAutoscaler(),
          hpa -> hpa.withObjectProperty("status").put("currentReplicas", 7).put("desiredReplicas", 7));
      // what the live objects now hold beyond the desired ones
      ObjectNode service = server.tree(GroupKind.SERVICE, NAMES.clientService()).orElseThrow();
      assertThat(service.path("spec").path("clusterIP").asString()).isNotEmpty();
      assertThat(service.path("spec").path("sessionAffinity").asString()).isEqualTo("None");
      ObjectNode statefulSet = server.tree(GroupKind.STATEFUL_SET, NAMES.statefulSet()).orElseThrow();
      assertThat(statefulSet.path("spec").path("revisionHistoryLimit").asInt()).isEqualTo(10);
      assertThat(statefulSet.path("spec").path("template").path("spec").path("containers").get(0)
          .path("terminationMessagePath").asString()).isEqualTo("/dev/termination-log");
      assertThat(statefulSet.path("status").path("readyReplicas").asInt()).isEqualTo(5);

      ApplyPlan plan = plan(SPEC);

      assertThat(plan.hasWrites()).isFalse();
      assertThat(plan.unchanged()).hasSize(11);
      assertThat(new ApplyExecutor(server).execute(plan)).isZero();
      assertThat(server.requests()).isEmpty();
    }

    @Test
    void quantitiesTheServerRewroteInCanonicalFormStillMatch() {
      ImmutableClusterSpec halfCpu =
          SPEC.withResources(new ResourceRequirementsBuilder()
              .addToRequests("cpu", new Quantity("0.5")).build());
      converge(halfCpu);
      assertThat(server.tree(GroupKind.STATEFUL_SET, NAMES.statefulSet()).orElseThrow()
              .at("/spec/template/spec/containers/0/resources/requests/cpu").asString())
          .isEqualTo("500m");

      assertThat(plan(halfCpu).hasWrites()).isFalse();
    }
  }

  @Nested
  class WhenAnOwnedFieldDiffers {

    @Test
    void aSpecChangeAppliesOnlyTheObjectsItChanges() {
      converge(SPEC);
      ImmutableClusterSpec threeProxies = SPEC.withProxy(SPEC.proxy().map(p -> withProxyReplicas(p, 3)));

      ApplyPlan plan = plan(threeProxies);

      assertThat(refs(plan.applies())).containsExactly(ref("Deployment", NAMES.proxyDeployment()));
      assertThat(plan.applies().get(0).cause()).isEqualTo(ApplyCause.FIELD_DIFFERS);
      assertThat(plan.applies().get(0).reason()).isEqualTo("field spec.replicas differs");
      assertThat(plan.unchanged()).hasSize(10);
    }

    @Test
    void aUserEditToAnOwnedFieldIsTakenBack() {
      converge(SPEC);
      server.edit(GroupKind.STATEFUL_SET, NAMES.statefulSet(),
          sts -> ((ObjectNode) sts.at("/spec/template/spec/containers/0")).put("image", "hyperbytedb:hacked"));

      ApplyPlan plan = plan(SPEC);

      assertThat(refs(plan.applies())).containsExactly(ref("StatefulSet", NAMES.statefulSet()));
      assertThat(plan.applies().get(0).reason())
          .isEqualTo("field spec.template.spec.containers[name=hyperbytedb].image differs");
      new ApplyExecutor(server).execute(plan);
      assertThat(server.tree(GroupKind.STATEFUL_SET, NAMES.statefulSet()).orElseThrow()
              .at("/spec/template/spec/containers/0/image").asString())
          .isEqualTo(SPEC.image());
      assertThat(plan(SPEC).hasWrites()).isFalse();
    }

    @Test
    void anOwnedLabelSomeoneDeletedIsMissing() {
      converge(SPEC);
      server.edit(GroupKind.SERVICE, NAMES.clientService(),
          svc -> ((ObjectNode) svc.at("/metadata/labels")).remove(ClusterLabels.PART_OF));

      ApplyPlan plan = plan(SPEC);

      assertThat(refs(plan.applies())).containsExactly(ref("Service", NAMES.clientService()));
      assertThat(plan.applies().get(0).reason()).isEqualTo("field metadata.labels." + ClusterLabels.PART_OF + " is missing");
    }
  }

  @Nested
  class WhenAFieldIsRemovedFromDesired {

    @Test
    void theHashChangesTheObjectIsAppliedAndSsaRemovesTheField() {
      ImmutableClusterSpec annotated = SPEC.withPodAnnotations(Map.of("team", "payments"));
      converge(annotated);

      ApplyPlan plan = plan(SPEC);

      assertThat(refs(plan.applies())).containsExactly(ref("StatefulSet", NAMES.statefulSet()));
      assertThat(plan.applies().get(0).cause()).isEqualTo(ApplyCause.HASH_CHANGED);
      assertThat(plan.applies().get(0).reason()).isEqualTo("hash changed");
      new ApplyExecutor(server).execute(plan);
      assertThat(server.tree(GroupKind.STATEFUL_SET, NAMES.statefulSet()).orElseThrow()
              .at("/spec/template/metadata/annotations").has("team"))
          .isFalse();
      assertThat(plan(SPEC).hasWrites()).isFalse();
    }

    @Test
    void anObjectNeverAppliedByTheOperatorIsAppliedOnceToRecordItsHash() {
      converge(SPEC);
      server.edit(GroupKind.CONFIG_MAP, NAMES.configMap(),
          cm -> ((ObjectNode) cm.at("/metadata/annotations")).remove(AppliedHash.ANNOTATION));

      ApplyPlan plan = plan(SPEC);

      assertThat(refs(plan.applies())).containsExactly(ref("ConfigMap", NAMES.configMap()));
      assertThat(plan.applies().get(0).cause()).isEqualTo(ApplyCause.HASH_MISSING);
    }
  }

  @Nested
  class WhenOtherControllersOwnFields {

    @Test
    void theHpaScalingAndWritingStatusCausesNoWrite() {
      converge(SPEC);
      server.edit(GroupKind.HORIZONTAL_POD_AUTOSCALER, NAMES.horizontalPodAutoscaler(),
          hpa -> hpa.withObjectProperty("status").put("currentReplicas", 7).put("desiredReplicas", 7));

      assertThat(plan(SPEC).hasWrites()).isFalse();
    }

    @Test
    void theClusterResourcesReplicasAreLeftToTheHpa() {
      new ApplyExecutor(server).execute(planner.plan(Clusters.UID, List.of(cluster(5)), server.live()));
      // the HPA scales the cluster to 6 through the scale subresource
      server.edit(GroupKind.HYPERBYTEDB_CLUSTER, SPEC.name(), cr -> cr.withObjectProperty("spec").put("replicas", 6));

      ApplyPlan plan = planner.plan(Clusters.UID, List.of(cluster(5)), server.live());

      assertThat(plan.hasWrites()).isFalse();
    }

    @Test
    void anApplyOfTheClusterResourceNeverCarriesReplicas() {
      ApplyPlan plan = planner.plan(Clusters.UID, List.of(cluster(5)), List.of());

      HyperbytedbCluster applied = (HyperbytedbCluster) plan.applies().get(0).object();
      assertThat(applied.getSpec().getReplicas()).isNull();
      assertThat(applied.getSpec().getVersion()).isEqualTo("0.8.5");
    }

    HyperbytedbCluster cluster(int replicas) {
      HyperbytedbCluster cluster = new HyperbytedbCluster();
      cluster.getMetadata().setName(SPEC.name());
      cluster.getMetadata().setNamespace(NS);
      HyperbytedbClusterSpec spec = new HyperbytedbClusterSpec();
      spec.setReplicas(replicas);
      spec.setVersion("0.8.5");
      cluster.setSpec(spec);
      return cluster;
    }
  }

  @Nested
  class Prune {

    static Stream<Arguments> featuresTurnedOff() {
      ImmutableClusterSpec tls = Clusters.certManagerTls();
      ClusterNames tlsNames = ClusterNames.of(tls);
      return Stream.of(
          Arguments.of("autoscaling off", SPEC, SPEC.withAutoscaling(Optional.empty()),
              List.of(ref("HorizontalPodAutoscaler", NAMES.horizontalPodAutoscaler()))),
          Arguments.of("proxy off", SPEC, SPEC.withProxy(Optional.empty()),
              List.of(ref("Deployment", NAMES.proxyDeployment()), ref("Service", NAMES.proxyService()))),
          Arguments.of("monitoring objects off", SPEC, SPEC.withMonitoring(
                  ImmutableMonitoringSettings.copyOf(SPEC.monitoring())
                      .withServiceMonitor(false).withPrometheusRule(false).withGrafanaDashboard(false)),
              List.of(ref("PrometheusRule", NAMES.prometheusRule()), ref("ServiceMonitor", NAMES.serviceMonitor()),
                  ref("ConfigMap", NAMES.dashboardConfigMap()))),
          Arguments.of("one replica", SPEC, SPEC.withReplicas(1).withAutoscaling(Optional.empty()),
              List.of(ref("HorizontalPodAutoscaler", NAMES.horizontalPodAutoscaler()),
                  ref("PodDisruptionBudget", NAMES.podDisruptionBudget()))),
          Arguments.of("cert-manager off", tls, tls.withServer(Clusters.withoutTls(tls.server())),
              List.of("Certificate " + tls.namespace() + "/" + tlsNames.certificate())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("featuresTurnedOff")
    void ownedObjectsNoLongerRenderedAreDeletedInReverseDependencyOrder(
        String change, ClusterSpec before, ClusterSpec after, List<String> pruned) {
      converge(before);

      ApplyPlan plan = plan(after);

      assertThat(refs(plan.prunes())).as(change).containsExactlyElementsOf(pruned);
      assertThat(plan.prunes()).allSatisfy(p -> assertThat(p.reason()).isEqualTo("no longer desired"));
      new ApplyExecutor(server).execute(plan);
      assertThat(server.requests()).filteredOn(r -> r.startsWith("delete")).hasSize(pruned.size());
      assertThat(plan(after).hasWrites()).isFalse();
    }

    @Test
    void theDeleteIsConditionalOnTheLiveUid() {
      converge(SPEC);
      String liveUid = server.tree(GroupKind.HORIZONTAL_POD_AUTOSCALER, NAMES.horizontalPodAutoscaler())
          .orElseThrow().at("/metadata/uid").asString();

      ApplyPlan plan = plan(SPEC.withAutoscaling(Optional.empty()));

      assertThat(plan.prunes()).singleElement().satisfies(p -> assertThat(p.uid()).isEqualTo(liveUid));
    }

    static Stream<Arguments> objectsThatAreNotOurs() {
      OwnerReference ours = owner(Clusters.UID, true);
      Map<String, String> labels = ClusterLabels.common(SPEC);
      return Stream.of(
          Arguments.of("same labels, controlled by another cluster",
              configMap("copy", labels, List.of(owner(Clusters.OTHER_UID, true)))),
          Arguments.of("same labels, no owner reference", configMap("by-hand", labels, List.of())),
          Arguments.of("our owner reference, not our managed-by label",
              configMap("unlabelled", Map.of(ClusterLabels.INSTANCE, SPEC.name()), List.of(ours))),
          Arguments.of("our owner reference but not as controller, our labels",
              configMap("referencing", labels, List.of(owner(Clusters.UID, false)))),
          Arguments.of("owned Service of another operator's managed-by value",
              new ServiceBuilder().withNewMetadata().withName("other-svc").withNamespace(NS)
                  .withLabels(Map.of(ClusterLabels.MANAGED_BY, "helm")).withOwnerReferences(ours).endMetadata()
                  .withNewSpec().endSpec().build()),
          Arguments.of("owned PersistentVolumeClaim (retention policy decides)",
              new PersistentVolumeClaimBuilder().withNewMetadata().withName("data-" + NAMES.statefulSet() + "-5")
                  .withNamespace(NS).withLabels(labels).withOwnerReferences(ours).endMetadata()
                  .withNewSpec().endSpec().build()),
          Arguments.of("owned Secret (TLS lifecycle decides)",
              new SecretBuilder().withNewMetadata().withName(NAMES.caSecret()).withNamespace(NS)
                  .withLabels(labels).withOwnerReferences(ours).endMetadata().build()),
          Arguments.of("owned ConfigMap already being deleted",
              new ConfigMapBuilder(configMap("leaving", labels, List.of(ours)))
                  .editMetadata().withDeletionTimestamp("2026-11-25T10:00:00Z").endMetadata().build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objectsThatAreNotOurs")
    void objectsWithoutBothOwnershipMarksOrOfUnprunableKindsAreNeverDeleted(String description, HasMetadata object) {
      converge(SPEC);
      server.create(object);

      ApplyPlan plan = plan(SPEC);

      assertThat(plan.hasWrites()).as(description).isFalse();
    }

    @Test
    void anOwnedConfigMapOfAPrunableKindIsDeleted() {
      // positive control for the table above: both marks, prunable kind, not desired
      converge(SPEC);
      server.create(configMap("stale", ClusterLabels.common(SPEC), List.of(owner(Clusters.UID, true))));

      assertThat(refs(plan(SPEC).prunes())).containsExactly(ref("ConfigMap", "stale"));
    }

    static ConfigMap configMap(String name, Map<String, String> labels, List<OwnerReference> owners) {
      return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(NS).withLabels(labels)
          .withOwnerReferences(owners).endMetadata().addToData("k", "v").build();
    }

    static OwnerReference owner(String uid, boolean controller) {
      return new OwnerReferenceBuilder().withApiVersion("hyperbytedb.hyperbyte.cloud/v1alpha1")
          .withKind("HyperbytedbCluster").withName(SPEC.name()).withUid(uid).withController(controller).build();
    }
  }

  @Nested
  class WhenTheObjectExistsUnderAnotherOwner {

    @Test
    void aDesiredObjectControlledByAnotherOwnerIsAConflictNotAnApply() {
      server.create(new ServiceBuilder().withNewMetadata().withName(NAMES.clientService()).withNamespace(NS)
          .withOwnerReferences(Prune.owner(Clusters.OTHER_UID, true)).endMetadata().withNewSpec().endSpec().build());

      ApplyPlan plan = plan(SPEC);

      assertThat(refs(plan.conflicts())).containsExactly(ref("Service", NAMES.clientService()));
      assertThat(plan.conflicts().get(0).reason()).contains(Clusters.OTHER_UID);
      assertThat(refs(plan.applies())).doesNotContain(ref("Service", NAMES.clientService())).hasSize(10);
    }

    @Test
    void aDesiredObjectWithoutAControllerIsAdoptedByApplyingTheOwnerReference() {
      server.create(new ServiceBuilder().withNewMetadata().withName(NAMES.clientService()).withNamespace(NS)
          .endMetadata().withNewSpec().endSpec().build());

      ApplyPlan plan = plan(SPEC);

      PlanEntry.Apply apply = plan.applies().stream()
          .filter(a -> a.ref().toString().equals(ref("Service", NAMES.clientService()))).findFirst().orElseThrow();
      assertThat(apply.cause()).isEqualTo(ApplyCause.FIELD_DIFFERS);
      assertThat(apply.object().getMetadata().getOwnerReferences())
          .singleElement().satisfies(o -> assertThat(o.getUid()).isEqualTo(Clusters.UID));
    }
  }

  @Nested
  class Order {

    @Test
    void prunesGoOutAfterEveryApplyInReverseDependencyOrderTiesByKindName() {
      converge(SPEC);
      ImmutableClusterSpec smaller = SPEC.withReplicas(1).withAutoscaling(Optional.empty())
          .withProxy(Optional.empty())
          .withMonitoring(ImmutableMonitoringSettings.copyOf(SPEC.monitoring()).withServiceMonitor(false));

      new ApplyExecutor(server).execute(plan(smaller));

      List<String> requests = server.requests();
      int lastApply = lastIndexStartingWith(requests, "apply");
      int firstDelete = requests.indexOf(requests.stream().filter(r -> r.startsWith("delete")).findFirst().orElseThrow());
      assertThat(lastApply).isLessThan(firstDelete);
      assertThat(requests.subList(firstDelete, requests.size()))
          .containsExactly(
              "delete " + ref("ServiceMonitor", NAMES.serviceMonitor()),
              "delete " + ref("HorizontalPodAutoscaler", NAMES.horizontalPodAutoscaler()),
              "delete " + ref("PodDisruptionBudget", NAMES.podDisruptionBudget()),
              "delete " + ref("Deployment", NAMES.proxyDeployment()),
              "delete " + ref("Service", NAMES.proxyService()));
    }

    @Test
    void appliesFollowDependencyRanksWhateverTheRenderOrder() {
      List<HasMetadata> reversed = new ArrayList<>(Clusters.render(SPEC));
      Collections.reverse(reversed);

      ApplyPlan plan = planner.plan(Clusters.UID, reversed, List.of());

      assertThat(plan.applies()).extracting(a -> ApplyOrder.rank(a.ref())).isSorted();
      assertThat(plan.describe().get(0)).startsWith("apply     ConfigMap ");
    }

    int lastIndexStartingWith(List<String> list, String prefix) {
      int index = -1;
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i).startsWith(prefix)) {
          index = i;
        }
      }
      return index;
    }
  }

  private static ProxySettings withProxyReplicas(
      ProxySettings proxy, int replicas) {
    return ImmutableProxySettings.copyOf(proxy).withReplicas(replicas);
  }
}
