package cloud.hyperbyte.reconcile.plan;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.reconcile.adoption.AdoptionPlan;
import cloud.hyperbyte.reconcile.apply.ApplyPlan;
import cloud.hyperbyte.reconcile.apply.ApplyPlanner;
import cloud.hyperbyte.reconcile.apply.ObjectRef;
import cloud.hyperbyte.reconcile.apply.PlanEntry;
import cloud.hyperbyte.reconcile.decision.Action;
import cloud.hyperbyte.reconcile.port.NodeHealth;
import cloud.hyperbyte.reconcile.port.NodeState;
import cloud.hyperbyte.reconcile.port.RaftRole;
import cloud.hyperbyte.reconcile.snapshot.ImmutableMemberFacts;
import cloud.hyperbyte.reconcile.snapshot.LiveObjects;
import cloud.hyperbyte.reconcile.snapshot.MemberFacts;
import cloud.hyperbyte.reconcile.snapshot.ObservedPod;
import cloud.hyperbyte.render.topology.ClusterLabels;
import cloud.hyperbyte.render.topology.ClusterNames;
import cloud.hyperbyte.render.config.ServerPaths;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the world looks like after one pass's writes and actions succeeded and the controllers and
 * members settled: the objects applied replace the live ones and pruned ones go; the StatefulSet
 * controller creates, replaces (above the partition, or once deleted under {@code OnDelete}) and
 * removes member pods, and their PVCs; each restarted member comes back Ready, Active and with the
 * Raft membership it had (a restarted leader hands leadership to the lowest other voter; node 1
 * starting in cluster mode with no leader bootstraps the group); a drained member is Leaving; Raft
 * additions and removals take effect; resized volumes have their size; proxy Deployments run their
 * pods; Secrets the adoption replaces have their new type; a new member's claim is seeded
 * ({@link ProjectedSeeding}). Pure and deterministic: generated UIDs and
 * IPs count up.
 *
 * <p>It projects success only. Failures, timeouts and a member that does not come back are what
 * the real cluster may add; {@code hyperbyte plan} says so.
 */
public final class ClusterProjection {

  private final ApplyPlanner planner;
  private final Map<Integer, String> templateRevisions = new HashMap<>();
  /** Whether each member's running process replicates in sync_quorum mode, by ordinal: the config it started with. */
  private final Map<Integer, Boolean> runsSyncQuorum = new HashMap<>();
  private int generated;

  public ClusterProjection(ApplyPlanner planner) {
    this.planner = planner;
  }

  /**
   * One step the StatefulSet controller took while settling: a member pod created or removed.
   *
   * @param existingVolume for a member pod created, whether its data claim existed already (seeded, or
   *     retained by a scale-down) rather than being created with it
   */
  public record ControllerStep(String action, String pod, boolean existingVolume) {}

  /** The world after the pass, and the member pods the StatefulSet controller created or removed. */
  public record After(ProjectedCluster cluster, List<ControllerStep> steps) {}

  /**
   * @param before the world the pass looked at
   * @param pass the pass's decisions
   * @param apply the pass's writes, planned against {@code before}'s objects
   * @param status the status the pass writes
   */
  public After after(ProjectedCluster before, ReconcilePass pass, ApplyPlan apply, HyperbytedbClusterStatus status) {
    ClusterNames names = pass.observed().names();
    Map<String, HasMetadata> objects = new LinkedHashMap<>();
    before.objects().forEach(o -> objects.put(key(o), o));
    Optional<StatefulSet> liveSet = before.named(StatefulSet.class, names.statefulSet());
    for (AdoptionPlan.SecretReplacement replaced : pass.adoption().replaceSecrets()) {
      before.named(Secret.class, replaced.name()).ifPresent(stale -> {
        // what the next pass reads of the new Secret: its name, owner and type
        Secret written = new SecretBuilder().withMetadata(new ObjectMetaBuilder(stale.getMetadata())
            .withUid("planned-secret-" + replaced.name()).withResourceVersion(null).build())
            .withType(replaced.type()).build();
        objects.put(key(written), written);
      });
    }
    for (PlanEntry.Apply entry : apply.applies()) {
      objects.put(key(entry.object()), entry.object());
    }
    apply.prunes().forEach(p -> objects.remove(key(p.ref())));
    // the seeding's claim exists before the StatefulSet grows over it, and the controller adopts it
    new ProjectedSeeding(objects, ClusterProjection::key, name -> "planned-" + name + "-" + ++generated).apply(pass);

    Map<Integer, MemberFacts> members = new TreeMap<>(before.members());
    // members the projection has not restarted run the config the live ConfigMap held
    boolean liveSyncQuorum = before.named(ConfigMap.class, names.configMap()).map(ClusterProjection::syncQuorum)
        .orElse(false);
    members.keySet().forEach(ordinal -> runsSyncQuorum.putIfAbsent(ordinal, liveSyncQuorum));
    Set<Integer> deletedPods = new HashSet<>();
    for (Action action : pass.lifecycle().actions()) {
      if (action instanceof Action.DeletePod delete) {
        deletedPods.add(delete.ordinal());
      } else if (action instanceof Action.DrainMember drain) {
        members.computeIfPresent(drain.ordinal(), (o, f) -> ImmutableMemberFacts.copyOf(f)
            .withState(NodeState.LEAVING).withHealth(NodeHealth.notActive(NodeState.LEAVING)));
      } else if (action instanceof Action.RemoveMember remove) {
        members.replaceAll((o, f) -> withoutVoter(f, remove.member().nodeId()));
      } else if (action instanceof Action.AddMember add) {
        addVoter(members, add.member().ordinal(), add.member().nodeId());
      } else if (action instanceof Action.DeletePvc pvc) {
        objects.values().removeIf(
            o -> o instanceof PersistentVolumeClaim && o.getMetadata().getName().equals(pvc.pvcName()));
      } else if (action instanceof Action.ResizeVolume resize) {
        objects.replaceAll((id, o) -> o instanceof PersistentVolumeClaim claim
            && claim.getMetadata().getName().equals(resize.pvcName()) ? resized(claim, resize.size()) : o);
      } else if (action instanceof Action.OrphanStatefulSet orphan) {
        objects.values().removeIf(o -> o instanceof StatefulSet && o.getMetadata().getName().equals(orphan.name()));
      }
      // proxy exclusions and includes, restart announcements: nothing the next pass observes
    }
    List<ControllerStep> steps = new ArrayList<>();
    Optional<StatefulSet> set = objects.values().stream().filter(StatefulSet.class::isInstance)
        .map(StatefulSet.class::cast).filter(s -> s.getMetadata().getName().equals(names.statefulSet())).findFirst();
    if (set.isPresent()) {
      StatefulSet settled = settleStatefulSet(set.get(), liveSet, objects, members, deletedPods,
          pass.observed().spec().clusterMode(), objects.values().stream().filter(ConfigMap.class::isInstance)
              .map(ConfigMap.class::cast).filter(c -> c.getMetadata().getName().equals(names.configMap())).findFirst(),
          steps);
      objects.put(key(settled), settled);
    }
    settleProxyPods(objects, names);
    HyperbytedbCluster cluster = new HyperbytedbCluster();
    cluster.setMetadata(before.cluster().getMetadata());
    cluster.setSpec(before.cluster().getSpec());
    cluster.setStatus(status);
    return new After(new ProjectedCluster(cluster, List.copyOf(objects.values()), members), steps);
  }

  /** The world after a pass that only removed {@code finalizer} from the cluster. */
  public ProjectedCluster withoutFinalizer(ProjectedCluster before, String finalizer) {
    HyperbytedbCluster cluster = new HyperbytedbCluster();
    cluster.setMetadata(new ObjectMetaBuilder(before.cluster().getMetadata())
        .withFinalizers(Optional.ofNullable(before.cluster().getMetadata().getFinalizers()).orElse(List.of()).stream()
            .filter(f -> !f.equals(finalizer)).toList())
        .build());
    cluster.setSpec(before.cluster().getSpec());
    cluster.setStatus(before.cluster().getStatus());
    return new ProjectedCluster(cluster, before.objects(), before.members());
  }

  private static String key(HasMetadata object) {
    return key(ObjectRef.of(object));
  }

  private static String key(ObjectRef ref) {
    return ref.groupKind() + "/" + ref.namespace() + "/" + ref.name();
  }

  private StatefulSet settleStatefulSet(StatefulSet set, Optional<StatefulSet> liveBefore,
      Map<String, HasMetadata> objects, Map<Integer, MemberFacts> members, Set<Integer> deletedPods,
      boolean clusterModeSpec, Optional<ConfigMap> configMap, List<ControllerStep> steps) {
    String name = set.getMetadata().getName();
    int replicas = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
    boolean onDelete = set.getSpec().getUpdateStrategy() != null
        && "OnDelete".equals(set.getSpec().getUpdateStrategy().getType());
    int partition = onDelete || set.getSpec().getUpdateStrategy() == null
        || set.getSpec().getUpdateStrategy().getRollingUpdate() == null
        || set.getSpec().getUpdateStrategy().getRollingUpdate().getPartition() == null
        ? 0 : set.getSpec().getUpdateStrategy().getRollingUpdate().getPartition();
    String updateRevision = revision(set, liveBefore);
    Map<Integer, Pod> pods = new TreeMap<>();
    objects.values().stream().filter(Pod.class::isInstance).map(Pod.class::cast)
        .filter(p -> LiveObjects.isMember(p, name))
        .forEach(p -> pods.put(ObservedPod.from(p, name).ordinal(), p));
    String currentRevision = liveBefore.map(StatefulSet::getStatus).map(s -> s.getCurrentRevision())
        .orElse(updateRevision);
    boolean clusterMode = clusterModeSpec || replicas > 1;
    for (int ordinal : List.copyOf(pods.keySet())) {
      if (ordinal >= replicas) {
        Pod gone = pods.remove(ordinal);
        objects.remove(key(gone));
        members.remove(ordinal);
        steps.add(new ControllerStep("stop-member", gone.getMetadata().getName(), false));
        if (deletesClaimsWhenScaled(set)) {
          // the StatefulSet controller deletes the claim with the pod; the operator's own deletion is its fallback
          String claim = ClusterNames.DATA_VOLUME + "-" + name + "-" + ordinal;
          if (objects.values().removeIf(o -> o instanceof PersistentVolumeClaim && o.getMetadata().getName().equals(claim))) {
            steps.add(new ControllerStep("delete-pvc", gone.getMetadata().getName(), false));
          }
        }
      }
    }
    for (int ordinal = 0; ordinal < replicas; ordinal++) {
      Pod pod = pods.get(ordinal);
      boolean fresh = pod == null;
      String podRevision = pod == null ? null : pod.getMetadata().getLabels().get(ObservedPod.REVISION_LABEL);
      boolean replaced = !fresh && (deletedPods.contains(ordinal)
          || (!onDelete && ordinal >= partition && !updateRevision.equals(podRevision)));
      if (!fresh && !replaced) {
        continue;
      }
      boolean toUpdate = onDelete || ordinal >= partition || fresh && podRevision == null;
      PodTemplateSpec template = toUpdate || pod == null ? set.getSpec().getTemplate()
          : new PodTemplateSpec(pod.getMetadata(), pod.getSpec());
      Pod created = pod(name, ordinal, template, toUpdate ? updateRevision : currentRevision, set);
      if (pod != null) {
        objects.remove(key(pod));
      }
      objects.put(key(created), created);
      pods.put(ordinal, created);
      restarted(members, ordinal, fresh, clusterMode, runsSyncQuorum.getOrDefault(ordinal, false));
      runsSyncQuorum.put(ordinal, configMap.map(ClusterProjection::syncQuorum).orElse(false));
      if (fresh) {
        boolean existing = !ensureClaim(objects, set, ordinal);
        steps.add(new ControllerStep("start-member", created.getMetadata().getName(), existing));
      }
    }
    boolean allUpdated = pods.values().stream()
        .allMatch(p -> updateRevision.equals(p.getMetadata().getLabels().get(ObservedPod.REVISION_LABEL)));
    return new StatefulSetBuilder(set)
        .editMetadata().withGeneration(1L).endMetadata()
        .withNewStatus()
        .withObservedGeneration(1L)
        .withReplicas(replicas)
        .withReadyReplicas(replicas)
        .withUpdateRevision(updateRevision)
        .withCurrentRevision(allUpdated ? updateRevision : currentRevision)
        .endStatus()
        .build();
  }

  private static boolean deletesClaimsWhenScaled(StatefulSet set) {
    var policy = set.getSpec().getPersistentVolumeClaimRetentionPolicy();
    return policy != null && "Delete".equals(policy.getWhenScaled());
  }

  /**
   * The revision the StatefulSet's template is: the live one's while the template's owned fields are
   * unchanged, a new one otherwise; a template seen before gets its revision back, as the controller
   * reuses a ControllerRevision with an equal template (a StatefulSet created again around its pods).
   */
  private String revision(StatefulSet set, Optional<StatefulSet> liveBefore) {
    int key = set.getSpec().getTemplate().hashCode();
    if (liveBefore.isPresent()) {
      Optional<String> live = Optional.ofNullable(liveBefore.get().getStatus())
          .map(s -> s.getUpdateRevision() != null ? s.getUpdateRevision() : s.getCurrentRevision());
      boolean templateChanged = planner.differences(set, liveBefore.get()).stream()
          .anyMatch(d -> d.path().startsWith("spec.template"));
      if (live.isPresent() && !templateChanged) {
        templateRevisions.putIfAbsent(key, live.get());
        return live.get();
      }
    }
    return templateRevisions.computeIfAbsent(key,
        k -> set.getMetadata().getName() + "-" + String.format(Locale.ROOT, "%08x", k));
  }

  private Pod pod(String setName, int ordinal, PodTemplateSpec template, String revision, StatefulSet set) {
    generated++;
    Map<String, String> labels = new TreeMap<>(Optional.ofNullable(template.getMetadata().getLabels()).orElse(Map.of()));
    labels.put(ObservedPod.REVISION_LABEL, revision);
    return new PodBuilder()
        .withMetadata(new ObjectMetaBuilder(template.getMetadata())
            .withName(setName + "-" + ordinal)
            .withNamespace(set.getMetadata().getNamespace())
            .withUid("planned-" + generated)
            .withLabels(labels)
            .withResourceVersion(null)
            .withDeletionTimestamp(null)
            .build())
        // scheduled: a member is a seed source on its node
        .withSpec(template.getSpec().getNodeName() != null ? template.getSpec()
            : new PodSpecBuilder(template.getSpec()).withNodeName("planned-node-" + ordinal).build())
        .withNewStatus()
        .withPhase("Running")
        .withPodIP("10.255." + (generated / 250) + "." + (generated % 250 + 1))
        .addNewCondition().withType("Ready").withStatus("True").endCondition()
        .endStatus()
        .build();
  }

  /**
   * A member (re)started: it answers and is Active. A member that was a voter stays one (its Raft
   * state is on its volume); a restarted leader hands over to the lowest other voter; node 1 starting
   * in cluster mode when no member leads bootstraps a group of itself.
   */
  private static void restarted(Map<Integer, MemberFacts> members, int ordinal, boolean fresh, boolean clusterMode,
      boolean stoppedSyncQuorum) {
    long nodeId = ordinal + 1L;
    MemberFacts before = fresh ? null : members.get(ordinal);
    boolean dropped = before != null && drainCompletes(before, stoppedSyncQuorum);
    boolean wasLeader = before != null && before.isLeader();
    Optional<MemberFacts> leader = members.values().stream().filter(MemberFacts::isLeader)
        .filter(f -> f.ordinal() != ordinal).findFirst();
    Set<Long> voters = leader.map(MemberFacts::voters)
        .orElse(before != null ? before.voters() : Set.of());
    ImmutableMemberFacts.Builder facts = ImmutableMemberFacts.builder().ordinal(ordinal).nodeId(nodeId)
        .reachable(true).state(NodeState.ACTIVE).health(NodeHealth.pass());
    // the WAL is on the volume; a fresh member starts with none
    facts.walSequence(before != null ? before.walSequence() : java.util.OptionalLong.of(0));
    if (!clusterMode) {
      members.put(ordinal, facts.build());
      return;
    }
    if (leader.isEmpty() && !wasLeader && ordinal == 0 && voters.isEmpty()) {
      members.put(ordinal, facts.raftRole(RaftRole.LEADER).leaderId(nodeId).voters(Set.of(nodeId)).term(1).build());
      return;
    }
    if (wasLeader) {
      Optional<MemberFacts> successor = members.values().stream()
          .filter(f -> f.ordinal() != ordinal && f.reachable() && voters.contains(f.nodeId())).findFirst();
      if (successor.isPresent()) {
        long next = successor.get().nodeId();
        long term = before.term() + 1;
        members.replaceAll((o, f) -> f.voters().isEmpty() && !voters.contains(f.nodeId()) ? f
            : ImmutableMemberFacts.copyOf(f).withLeaderId(next).withTerm(term)
                .withRaftRole(f.nodeId() == next ? RaftRole.LEADER : RaftRole.FOLLOWER));
        if (dropped) {
          droppedByPeers(members, nodeId, voters);
        }
        members.put(ordinal, facts.raftRole(RaftRole.FOLLOWER).leaderId(next).voters(voters).term(term).build());
        return;
      }
      members.put(ordinal, facts.raftRole(RaftRole.LEADER).leaderId(nodeId).voters(voters).term(before.term()).build());
      return;
    }
    if (voters.contains(nodeId)) {
      facts.raftRole(RaftRole.FOLLOWER).voters(voters).term(leader.map(MemberFacts::term).orElse(1L));
      leader.ifPresent(l -> facts.leaderId(l.nodeId()));
      if (dropped) {
        droppedByPeers(members, nodeId, voters);
      }
    }
    members.put(ordinal, facts.build());
  }

  /**
   * Whether a member's drain on the way down reaches Leaving, so that it tells its peers to drop it
   * (contract §0.6): WAL acks are recorded only in sync_quorum mode, so with async replication a
   * member with any WAL history times out after about 90 s, stays Draining and its peers keep it. An
   * unknown WAL sequence counts as history (a cluster in use has written data).
   */
  private static boolean drainCompletes(MemberFacts before, boolean syncQuorum) {
    return syncQuorum || before.walSequence().equals(java.util.OptionalLong.of(0));
  }

  /** Whether a member's {@code config.toml} replicates in sync_quorum mode ({@code [cluster.replication] mode}). */
  private static boolean syncQuorum(ConfigMap config) {
    String toml = Optional.ofNullable(config.getData()).map(d -> d.get(ServerPaths.CONFIG_FILE_NAME)).orElse("");
    boolean inTable = false;
    for (String line : toml.lines().map(String::strip).toList()) {
      if (line.startsWith("[")) {
        inTable = line.equals("[cluster.replication]");
      } else if (inTable && line.replace(" ", "").startsWith("mode=\"sync_quorum\"")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A voter whose drain completed on the way down was dropped by its peers from their data-plane
   * view until it is added again (contract §2.5): the membership decision re-adds it through the leader.
   */
  private static void droppedByPeers(Map<Integer, MemberFacts> members, long nodeId, Set<Long> voters) {
    members.replaceAll((o, f) -> f.nodeId() == nodeId || !voters.contains(f.nodeId()) ? f
        : ImmutableMemberFacts.copyOf(f).withPeersSeen(Optional.of(without(voters, nodeId, f.nodeId()))));
  }

  private static Set<Long> without(Set<Long> voters, long... ids) {
    Set<Long> rest = new TreeSet<>(voters);
    for (long id : ids) {
      rest.remove(id);
    }
    return rest;
  }

  private static MemberFacts withoutVoter(MemberFacts facts, long nodeId) {
    Set<Long> voters = new TreeSet<>(facts.voters());
    voters.remove(nodeId);
    Set<Long> learners = new TreeSet<>(facts.learners());
    learners.remove(nodeId);
    return ImmutableMemberFacts.copyOf(facts).withVoters(voters).withLearners(learners);
  }

  private static void addVoter(Map<Integer, MemberFacts> members, int ordinal, long nodeId) {
    Optional<MemberFacts> leader = members.values().stream().filter(MemberFacts::isLeader).findFirst();
    Set<Long> voters = new TreeSet<>(leader.map(MemberFacts::voters).orElse(Set.of()));
    voters.add(nodeId);
    members.replaceAll((o, f) -> {
      if (o == ordinal) {
        ImmutableMemberFacts.Builder joined = ImmutableMemberFacts.builder().from(f).raftRole(RaftRole.FOLLOWER)
            .voters(voters).learners(Set.of()).term(leader.map(MemberFacts::term).orElse(1L));
        leader.ifPresent(l -> joined.leaderId(l.nodeId()));
        return joined.build();
      }
      MemberFacts seeing = f.peersSeen().isEmpty() ? f : ImmutableMemberFacts.copyOf(f)
          .withPeersSeen(Optional.of(withAdded(f.peersSeen().get(), nodeId)));
      return f.voters().isEmpty() && !f.isLeader() ? seeing : ImmutableMemberFacts.copyOf(seeing).withVoters(voters);
    });
  }

  private static Set<Long> withAdded(Set<Long> ids, long id) {
    Set<Long> all = new TreeSet<>(ids);
    all.add(id);
    return all;
  }

  private static PersistentVolumeClaim resized(PersistentVolumeClaim claim, String size) {
    return new PersistentVolumeClaimBuilder(claim)
        .editSpec().editOrNewResources().addToRequests("storage", new Quantity(size)).endResources().endSpec()
        .editOrNewStatus().addToCapacity("storage", new Quantity(size)).withConditions(List.of()).endStatus()
        .build();
  }

  /**
   * The data PVC the StatefulSet controller creates for a new ordinal from its claim template, unless
   * it exists; whether it created one.
   */
  private static boolean ensureClaim(Map<String, HasMetadata> objects, StatefulSet set, int ordinal) {
    var templates = set.getSpec().getVolumeClaimTemplates();
    if (templates == null) {
      return false;
    }
    boolean[] created = {false};
    templates.stream().filter(t -> ClusterNames.DATA_VOLUME.equals(t.getMetadata().getName())).findFirst()
        .ifPresent(template -> {
          String claimName = ClusterNames.DATA_VOLUME + "-" + set.getMetadata().getName() + "-" + ordinal;
          boolean exists = objects.values().stream().anyMatch(
              o -> o instanceof PersistentVolumeClaim && o.getMetadata().getName().equals(claimName));
          if (!exists) {
            Quantity size = template.getSpec().getResources().getRequests().get("storage");
            PersistentVolumeClaim claim = new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(claimName).withNamespace(set.getMetadata().getNamespace())
                .withLabels(template.getMetadata().getLabels()).endMetadata()
                .withSpec(template.getSpec())
                .withNewStatus().withPhase("Bound").addToCapacity("storage", size).endStatus()
                .build();
            objects.put(key(claim), claim);
            created[0] = true;
          }
        });
    return created[0];
  }

  /** A proxy Deployment runs its pods; without one there are none. */
  private void settleProxyPods(Map<String, HasMetadata> objects, ClusterNames names) {
    Optional<Deployment> deployment = objects.values().stream().filter(Deployment.class::isInstance)
        .map(Deployment.class::cast).filter(d -> d.getMetadata().getName().equals(names.proxyDeployment())).findFirst();
    List<HasMetadata> proxyPods = objects.values().stream().filter(Pod.class::isInstance)
        .filter(p -> p.getMetadata().getLabels() != null
            && ClusterLabels.PROXY_APP.equals(p.getMetadata().getLabels().get(ClusterLabels.NAME)))
        .toList();
    if (deployment.isEmpty()) {
      proxyPods.forEach(p -> objects.remove(key(p)));
      return;
    }
    if (!proxyPods.isEmpty()) {
      return;
    }
    int replicas = Optional.ofNullable(deployment.get().getSpec().getReplicas()).orElse(1);
    for (int i = 0; i < replicas; i++) {
      generated++;
      PodTemplateSpec template = deployment.get().getSpec().getTemplate();
      Pod pod = new PodBuilder()
          .withMetadata(new ObjectMetaBuilder(template.getMetadata())
              .withName(names.proxyDeployment() + "-planned-" + i)
              .withNamespace(deployment.get().getMetadata().getNamespace())
              .withUid("planned-" + generated).build())
          .withSpec(template.getSpec())
          .withNewStatus().withPhase("Running").withPodIP("10.254.0." + (i + 1))
          .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
          .build();
      objects.put(key(pod), pod);
    }
  }
}
