package cloud.hyperbyte.reconcile.snapshot;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.reconcile.port.MemberAddress;
import cloud.hyperbyte.reconcile.port.ProxyEndpoint;
import cloud.hyperbyte.render.RenderedCluster;
import cloud.hyperbyte.render.proxy.ProxyRenderer;
import cloud.hyperbyte.render.topology.ClusterNames;
import cloud.hyperbyte.render.topology.MemberTopology;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * Everything one reconcile pass knows about a cluster, read once at the start of the pass. Decisions
 * are functions of this value (plus a clock); they never read anything else.
 *
 * <p>{@link #lastStatus()} is a fabric8-style mutable bean: the snapshot holds a private copy and
 * decisions treat it as read-only.
 */
@Value.Immutable
public interface ObservedCluster {

  /** The validated, defaulted spec. */
  ClusterSpec spec();

  /** {@code metadata.generation} of the custom resource. */
  long generation();

  /** {@code metadata.resourceVersion} the status was read at. */
  @Value.Default
  default String resourceVersion() {
    return "";
  }

  /** The status as last written (empty bean for a new cluster). */
  @Value.Default
  default HyperbytedbClusterStatus lastStatus() {
    return new HyperbytedbClusterStatus();
  }

  /** The desired objects rendered from {@link #spec()}. */
  RenderedCluster rendered();

  /** The live database StatefulSet, if it exists. */
  Optional<StatefulSet> statefulSet();

  /** Live database pods (any phase, including terminating ones). */
  List<ObservedPod> pods();

  /** Live data PVCs. */
  List<ObservedPvc> pvcs();

  /** The data volumes' sizes and StorageClasses, for volume growth. */
  @Value.Default
  default ObservedStorage storage() {
    return ObservedStorage.NONE;
  }

  /** Running proxy pods with an IP, to exclude and include members on. */
  List<ProxyEndpoint> proxies();

  /** The live proxy Deployment, if the cluster has one. */
  Optional<Deployment> proxyDeployment();

  /**
   * How far a scale-up may grow the StatefulSet now when new members are seeded first ({@code
   * seed.SeedPlan#allowedReplicas}): the live replicas plus the new members whose claims hold their
   * seed. Empty: no limit (seeding is off, or not run by this operator).
   */
  @Value.Default
  default OptionalInt seededReplicas() {
    return OptionalInt.empty();
  }

  /** Database facts per ordinal, for every pod that was probed. */
  Map<Integer, MemberFacts> members();

  /**
   * The certificate-hash annotation of each member pod that carries one, by ordinal: the TLS
   * material the member loaded when it started (the server reads its certificate only then).
   */
  @Value.Default
  default Map<Integer, String> podCertificateHashes() {
    return Map.of();
  }

  /** Object names of this cluster. */
  default ClusterNames names() {
    return ClusterNames.of(spec());
  }

  /** How to reach the member with this ordinal. */
  default MemberAddress address(int ordinal) {
    return MemberAddress.of(spec(), ordinal);
  }

  /** The pod with this ordinal, if it exists. */
  default Optional<ObservedPod> pod(int ordinal) {
    return pods().stream().filter(p -> p.ordinal() == ordinal).findFirst();
  }

  /** Facts of the member with this ordinal, if it was probed. */
  default Optional<MemberFacts> facts(int ordinal) {
    return Optional.ofNullable(members().get(ordinal));
  }

  /** {@code spec.replicas} of the live StatefulSet; 0 when it does not exist. */
  default int statefulSetReplicas() {
    return statefulSet()
        .map(s -> s.getSpec() == null || s.getSpec().getReplicas() == null ? 0 : s.getSpec().getReplicas())
        .orElse(0);
  }

  /** The live rolling-update partition, if the StatefulSet uses one. */
  default OptionalInt partition() {
    return statefulSet()
        .map(s -> s.getSpec() == null ? null : s.getSpec().getUpdateStrategy())
        .filter(u -> u.getRollingUpdate() != null && u.getRollingUpdate().getPartition() != null)
        .map(u -> OptionalInt.of(u.getRollingUpdate().getPartition()))
        .orElse(OptionalInt.empty());
  }

  /** Whether the live StatefulSet uses {@code OnDelete}: pods change only when deleted. */
  default boolean onDelete() {
    return statefulSet()
        .map(s -> s.getSpec() == null ? null : s.getSpec().getUpdateStrategy())
        .map(u -> "OnDelete".equals(u.getType()))
        .orElse(false);
  }

  /** The template revision the StatefulSet controller rolls pods to. */
  default Optional<String> updateRevision() {
    return statefulSet()
        .map(StatefulSet::getStatus)
        .map(s -> s.getUpdateRevision())
        .filter(r -> !r.isEmpty());
  }

  /** What the live StatefulSet's template restarts members into; unknown without a StatefulSet. */
  default TemplateInputs targetInputs() {
    return statefulSet()
        .map(s -> s.getSpec() == null ? null : s.getSpec().getTemplate())
        .map(t -> TemplateInputs.of(t.getMetadata(), t.getSpec()))
        .orElse(TemplateInputs.UNKNOWN);
  }

  /**
   * Whether the rendered StatefulSet's pod template differs from the live one in what rolls members
   * (images, configuration and certificate hashes, a restart request): this pass is about to start a rolling upgrade.
   */
  default boolean podTemplatePending() {
    return PendingTemplate.of(this);
  }

  /** The image the live proxy Deployment's pods are templated with, if it exists. */
  default Optional<String> proxyImage() {
    return proxyDeployment()
        .filter(d -> d.getSpec() != null && d.getSpec().getTemplate() != null
            && d.getSpec().getTemplate().getSpec() != null && d.getSpec().getTemplate().getSpec().getContainers() != null)
        .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream()
            .filter(c -> ProxyRenderer.CONTAINER.equals(c.getName()))
            .map(Container::getImage)
            .filter(image -> image != null && !image.isEmpty())
            .findFirst());
  }

  /** The StatefulSet has processed its latest spec (observedGeneration caught up). */
  default boolean statefulSetSettled() {
    return statefulSet()
        .map(s -> s.getStatus() != null
            && s.getStatus().getObservedGeneration() != null
            && s.getMetadata().getGeneration() != null
            && s.getStatus().getObservedGeneration() >= s.getMetadata().getGeneration())
        .orElse(false);
  }

  /**
   * Members that report themselves Raft leader, by ordinal, without stale claims: a claim is stale
   * when it comes from a member the scale-down is removing (ordinal at or above the desired replicas)
   * and another member leads in a higher term without counting it as a voter: it was removed while
   * leading and, out of the group, never heard of the newer term. Any other pair of claims is a real
   * conflict, such as node 1 bootstrapping a new group after losing its raft/ data, and stays one.
   */
  default List<MemberFacts> leadersReported() {
    List<MemberFacts> claims = members().values().stream()
        .filter(MemberFacts::isLeader)
        .sorted(Comparator.comparingInt(MemberFacts::ordinal))
        .toList();
    return claims.stream()
        .filter(claim -> claim.ordinal() < spec().effectiveReplicas() || claims.stream().noneMatch(
            newer -> newer.term() > claim.term() && !newer.voters().contains(claim.nodeId())))
        .toList();
  }

  /** The one Raft leader, when exactly one member reports itself leader. */
  default Optional<MemberFacts> leader() {
    List<MemberFacts> leaders = leadersReported();
    return leaders.size() == 1 ? Optional.of(leaders.get(0)) : Optional.empty();
  }

  /** The voter set as the leader sees it; empty when no single leader is known. */
  default Optional<Set<Long>> voters() {
    return leader().map(MemberFacts::voters);
  }

  /** The learners as the leader sees them. */
  default Set<Long> learners() {
    return leader().map(MemberFacts::learners).orElse(Set.of());
  }

  /** The leader's view, as a member address to send leader-only calls to. */
  default Optional<MemberAddress> leaderAddress() {
    return leader().map(l -> address(l.ordinal()));
  }

  /** The topology at the desired replica count. */
  default MemberTopology topology() {
    return MemberTopology.of(spec());
  }

  /** Ordinals of pods that exist and are not terminating. */
  default Set<Integer> liveOrdinals() {
    return pods().stream().filter(p -> !p.terminating()).map(ObservedPod::ordinal).collect(Collectors.toUnmodifiableSet());
  }
}
