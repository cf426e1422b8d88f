package cloud.hyperbyte.reconcile.decision;

import cloud.hyperbyte.model.spec.ImmutableClusterSpec;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.model.v1alpha1.MemberStatus;
import cloud.hyperbyte.reconcile.port.NodeHealth;
import cloud.hyperbyte.reconcile.port.NodeState;
import cloud.hyperbyte.reconcile.port.ProxyEndpoint;
import cloud.hyperbyte.reconcile.port.RaftRole;
import cloud.hyperbyte.reconcile.snapshot.ImmutableMemberFacts;
import cloud.hyperbyte.reconcile.snapshot.ImmutableObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.MemberFacts;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedPod;
import cloud.hyperbyte.reconcile.snapshot.ObservedPvc;
import cloud.hyperbyte.reconcile.snapshot.TemplateInputs;
import cloud.hyperbyte.reconcile.snapshot.TestClusters;
import cloud.hyperbyte.render.ClusterRenderer;
import cloud.hyperbyte.render.topology.Annotations;
import cloud.hyperbyte.render.workload.DatabasePodTemplate;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A readable way to state "given" in decision tests: a running cluster where every member is Ready,
 * Active, a voter and runs revision r1, then changes to that picture.
 */
public final class Scenario {

  public static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  public static Clock clockAt(Instant at) {
    return Clock.fixed(at, ZoneOffset.UTC);
  }

  /** What every pod was started with when a test names template inputs. */
  public static final TemplateInputs RUNNING_INPUTS = new TemplateInputs(Optional.of("hyperbytedb:0.8.5"),
      Optional.of("config-1"), Optional.empty(), Optional.empty());

  private ImmutableClusterSpec spec;
  private int running;
  private long leader = 1;
  private Set<Long> voters;
  private final Set<Long> learners = new LinkedHashSet<>();
  private final Map<Integer, UnaryOperator<ImmutableMemberFacts>> facts = new HashMap<>();
  private final Map<Integer, UnaryOperator<ObservedPod>> pods = new HashMap<>();
  private final Set<Integer> missingPods = new LinkedHashSet<>();
  private final Set<Integer> retainedClaims = new LinkedHashSet<>();
  private final List<ProxyEndpoint> proxies = new ArrayList<>();
  private String updateRevision = "r1";
  private TemplateInputs targetInputs;
  private Integer partition;
  private boolean onDelete;
  private boolean noLeader;
  private LifecycleMemory memory = LifecycleMemory.empty();
  private Integer seeded;

  private Scenario(int specReplicas, int running) {
    this.spec = TestClusters.spec(specReplicas);
    this.running = running;
    this.voters = new LinkedHashSet<>();
    for (long n = 1; n <= running; n++) {
      voters.add(n);
    }
  }

  /** {@code running} members up and voting; the spec asks for {@code specReplicas}. */
  public static Scenario running(int running, int specReplicas) {
    return new Scenario(specReplicas, running);
  }

  /** {@code n} members up and voting, as the spec asks. */
  public static Scenario running(int n) {
    return new Scenario(n, n);
  }

  public Scenario spec(UnaryOperator<ImmutableClusterSpec> change) {
    spec = change.apply(spec);
    return this;
  }

  public Scenario leader(long nodeId) {
    leader = nodeId;
    return this;
  }

  public Scenario noLeader() {
    noLeader = true;
    return this;
  }

  public Scenario voters(Long... ids) {
    voters = new LinkedHashSet<>(List.of(ids));
    return this;
  }

  public Scenario learners(Long... ids) {
    learners.addAll(List.of(ids));
    return this;
  }

  public Scenario member(int ordinal, UnaryOperator<ImmutableMemberFacts> change) {
    facts.merge(ordinal, change, (a, b) -> f -> b.apply(a.apply(f)));
    return this;
  }

  public Scenario state(int ordinal, NodeState state) {
    return member(ordinal, f -> f.withState(state)
        .withHealth(state == NodeState.ACTIVE ? NodeHealth.pass() : NodeHealth.notActive(state)));
  }

  public Scenario unreachable(int ordinal) {
    return member(ordinal, f -> ImmutableMemberFacts.copyOf(MemberFacts.unreachable(ordinal, ordinal + 1L,
        cloud.hyperbyte.reconcile.port.CallFailure.UNREACHABLE, "UNREACHABLE")))
        .pod(ordinal, p -> withReady(p, false));
  }

  public Scenario pod(int ordinal, UnaryOperator<ObservedPod> change) {
    pods.merge(ordinal, change, (a, b) -> p -> b.apply(a.apply(p)));
    return this;
  }

  /** Claims a scale-down left behind (whenScaled: Retain) at ordinals above the running members, no pods. */
  public Scenario retainedClaims(Integer... ordinals) {
    retainedClaims.addAll(List.of(ordinals));
    return this;
  }

  public Scenario noPod(int ordinal) {
    missingPods.add(ordinal);
    return this;
  }

  public Scenario podRevision(int ordinal, String revision) {
    return pod(ordinal, p -> new ObservedPod(p.name(), p.uid(), p.ordinal(), p.phase(), p.ready(),
        Optional.of(revision), p.terminating(), p.podIp(),
        targetInputs != null && revision.equals(updateRevision) ? targetInputs : p.inputs()));
  }

  /** The member's pod was replaced: same name, another UID. */
  public Scenario replacedPod(int ordinal) {
    return pod(ordinal, p -> new ObservedPod(p.name(), p.uid() + "-replacement", p.ordinal(), p.phase(), p.ready(),
        p.revision(), p.terminating(), p.podIp(), p.inputs()));
  }

  public Scenario notReady(int ordinal) {
    return pod(ordinal, p -> withReady(p, false));
  }

  public Scenario terminating(int ordinal) {
    return pod(ordinal, p -> new ObservedPod(p.name(), p.uid(), p.ordinal(), p.phase(), false, p.revision(), true,
        p.podIp(), p.inputs()));
  }

  public static ObservedPod withReady(ObservedPod p, boolean ready) {
    return new ObservedPod(p.name(), p.uid(), p.ordinal(), p.phase(), ready, p.revision(), p.terminating(), p.podIp(),
        p.inputs());
  }

  /** The StatefulSet rolls to a new template revision r2; pods still run r1. */
  public Scenario newTemplate() {
    updateRevision = "r2";
    return this;
  }

  /**
   * The StatefulSet rolls to a new template revision r2 that differs from what the pods run
   * ({@link #RUNNING_INPUTS}) as {@code change} says; pods still run r1.
   */
  public Scenario newTemplate(UnaryOperator<TemplateInputs> change) {
    updateRevision = "r2";
    targetInputs = change.apply(RUNNING_INPUTS);
    return this;
  }

  private String whenScaled;

  public Scenario partition(int value) {
    partition = value;
    return this;
  }

  public Scenario onDelete() {
    onDelete = true;
    return this;
  }

  /** The live StatefulSet's {@code persistentVolumeClaimRetentionPolicy.whenScaled} (absent by default). */
  public Scenario liveWhenScaled(String policy) {
    whenScaled = policy;
    return this;
  }

  public Scenario proxies(int count) {
    for (int i = 0; i < count; i++) {
      proxies.add(new ProxyEndpoint("db-proxy-" + i, "10.1.0." + (i + 1), 8087));
    }
    return this;
  }

  /** New members are seeded first; the claims seeded so far let the StatefulSet grow to {@code replicas}. */
  public Scenario seeded(int replicas) {
    seeded = replicas;
    return this;
  }

  public Scenario remembering(LifecycleMemory value) {
    memory = value;
    return this;
  }

  public ObservedCluster build() {
    var sts = new StatefulSetBuilder()
        .withNewMetadata().withName(TestClusters.NAME).withGeneration(2L).endMetadata()
        .withNewSpec().withReplicas(running)
        .withNewUpdateStrategy().withType(onDelete ? "OnDelete" : "RollingUpdate").endUpdateStrategy()
        .endSpec()
        .withNewStatus().withObservedGeneration(2L).withCurrentRevision("r1").withUpdateRevision(updateRevision)
        .endStatus()
        .build();
    if (whenScaled != null) {
      sts.getSpec().setPersistentVolumeClaimRetentionPolicy(
          new io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy("Retain", whenScaled));
    }
    if (!onDelete) {
      sts.getSpec().getUpdateStrategy().setRollingUpdate(
          new io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategyBuilder()
              .withPartition(partition == null ? running : partition).build());
    }
    if (targetInputs != null) {
      sts.getSpec().setTemplate(template(targetInputs));
    }
    List<ObservedPod> podList = new ArrayList<>();
    List<ObservedPvc> pvcs = new ArrayList<>();
    Map<Integer, MemberFacts> members = new TreeMap<>();
    int highest = running - 1;
    for (int ordinal : pods.keySet()) {
      highest = Math.max(highest, ordinal);
    }
    for (int ordinal = 0; ordinal <= highest; ordinal++) {
      pvcs.add(new ObservedPvc("data-db-" + ordinal, ordinal, false));
      if (missingPods.contains(ordinal)) {
        continue;
      }
      ObservedPod pod = new ObservedPod("db-" + ordinal, "uid-" + ordinal, ordinal, "Running", true,
          Optional.of("r1"), false, Optional.of("10.0.0." + (ordinal + 1)),
          targetInputs == null ? TemplateInputs.UNKNOWN : RUNNING_INPUTS);
      podList.add(pods.getOrDefault(ordinal, p -> p).apply(pod));
      long nodeId = ordinal + 1L;
      boolean isLeader = !noLeader && nodeId == leader;
      ImmutableMemberFacts.Builder f = ImmutableMemberFacts.builder()
          .ordinal(ordinal).nodeId(nodeId).reachable(true)
          .state(NodeState.ACTIVE).health(NodeHealth.pass())
          .raftRole(isLeader ? RaftRole.LEADER : voters.contains(nodeId) ? RaftRole.FOLLOWER : RaftRole.LEARNER)
          .term(3).voters(voters).learners(learners).walSequence(1000)
          .peersSeen(peersOf(nodeId));
      if (!noLeader) {
        f.leaderId(OptionalLong.of(leader));
      }
      members.put(ordinal, facts.getOrDefault(ordinal, x -> x).apply(f.build()));
    }
    retainedClaims.forEach(ordinal -> pvcs.add(new ObservedPvc("data-db-" + ordinal, ordinal, false)));
    HyperbytedbClusterStatus status = new HyperbytedbClusterStatus();
    status.setRollingUpgrade(memory.upgradeStatus());
    status.setScaleDown(memory.scaleDownStatus());
    status.setFailoverCount(memory.failoverCount());
    List<MemberStatus> memberStatuses = new ArrayList<>();
    memory.unhealthySince().forEach((ordinal, since) -> {
      MemberStatus m = new MemberStatus();
      m.setNodeId(ordinal + 1);
      m.setUnhealthySince(since.toString());
      m.setPodUid(memory.unhealthyPods().get(ordinal));
      memberStatuses.add(m);
    });
    status.setMembers(memberStatuses);
    return ImmutableObservedCluster.builder()
        .spec(spec)
        .generation(1)
        .lastStatus(status)
        .rendered(ClusterRenderer.render(spec))
        .statefulSet(sts)
        .pods(podList)
        .pvcs(pvcs)
        .proxies(proxies)
        .members(members)
        .seededReplicas(seeded == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(seeded))
        .build();
  }

  private static PodTemplateSpec template(TemplateInputs inputs) {
    Map<String, String> annotations = new TreeMap<>();
    inputs.configHash().ifPresent(v -> annotations.put(Annotations.CONFIG_HASH, v));
    inputs.certificateHash().ifPresent(v -> annotations.put(Annotations.CERTIFICATE_HASH, v));
    inputs.restartedAt().ifPresent(v -> annotations.put(Annotations.RESTARTED_AT, v));
    return new PodTemplateSpecBuilder()
        .withNewMetadata().withAnnotations(annotations).endMetadata()
        .withNewSpec().addNewContainer().withName(DatabasePodTemplate.CONTAINER).withImage(inputs.image().orElseThrow())
        .endContainer().endSpec()
        .build();
  }

  private Set<Long> peersOf(long nodeId) {
    Set<Long> peers = new LinkedHashSet<>(voters);
    peers.remove(nodeId);
    return peers;
  }
}
