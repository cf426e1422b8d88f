package cloud.hyperbyte.testkit.kube;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated StatefulSet controller, as kube-controller-manager's, for the simulated API:
 * <ul>
 *   <li>pods {@code <sts>-<ordinal>} for {@code spec.replicas}, created and deleted per
 *       {@code podManagementPolicy} (OrderedReady: one at a time, in order, each after the previous is
 *       Ready; scale-down highest first; Parallel: all at once);</li>
 *   <li>update strategy RollingUpdate with {@code partition} (ordinals below the partition keep the
 *       current revision; the highest out-of-date ordinal is replaced, one at a time, each after the
 *       previous one is Ready) and OnDelete (pods change revision only when deleted);</li>
 *   <li>{@code controller-revision-hash} labels from the pod template hash;</li>
 *   <li>PVCs {@code <claim>-<sts>-<ordinal>} from {@code volumeClaimTemplates}, with
 *       {@code persistentVolumeClaimRetentionPolicy} whenScaled / whenDeleted;</li>
 *   <li>re-creation of deleted pods (failover) and the StatefulSet status;</li>
 *   <li>adoption of orphaned pods that match the selector (after an orphan deletion of the previous
 *       StatefulSet), which are kept when their revision matches;</li>
 *   <li>the kubelet's part of a graceful pod deletion: a Terminating pod's processes get SIGTERM
 *       ({@link PodLifecycle#onDeleted}); once they have exited ({@link PodLifecycle#hasExited}) the pod
 *       turns unready and is deleted with grace period 0. Until it is gone the controller waits for it
 *       as {@code stateful_set_control.go} does ({@code isTerminating}): no pod of that name is
 *       created, OrderedReady and rolling updates do not move on, and it is not counted as current or
 *       updated.</li>
 * </ul>
 * Pod readiness comes from a {@link PodReadiness}; a {@link PodLifecycle} hears pods start and go.
 */
public final class StatefulSetSimulator implements AutoCloseable {

  /** Node names the simulated scheduler gives member pods: {@code <prefix><ordinal>}. */
  public static final String NODE_PREFIX = "simulated-node-";
  /** Label with the pod's revision ({@code <sts>-<template hash>}). */
  public static final String REVISION_LABEL = "controller-revision-hash";
  /** Label with the pod's own name, as the real controller sets it. */
  public static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
  /** Label with the pod's ordinal. */
  public static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

  /** Prefix of the loop's keys for the kubelet's work on one Terminating pod. */
  private static final String KUBELET = "kubelet:";

  private final KubernetesClient client;
  private final PodReadiness readiness;
  private final PodLifecycle lifecycle;
  private final PodAddresses addresses;
  /** Pod templates by revision, so pods below a partition are re-created at the current revision. */
  private final Map<String, PodTemplateSpec> templates = new ConcurrentHashMap<>();
  /** UIDs of Terminating pods whose processes got their SIGTERM. */
  private final java.util.Set<String> signalled = ConcurrentHashMap.newKeySet();
  private ControllerLoop loop;
  private SharedIndexInformer<StatefulSet> statefulSets;
  private SharedIndexInformer<Pod> pods;

  /** A simulator on {@code client}; call {@link #start()} (or use {@link SimulatedKubernetes#simulateStatefulSets}). */
  public StatefulSetSimulator(KubernetesClient client, PodReadiness readiness, PodLifecycle lifecycle) {
    this(client, readiness, lifecycle, new PodAddresses());
  }

  /** A simulator on {@code client} whose pods get their IPs from {@code addresses}. */
  public StatefulSetSimulator(KubernetesClient client, PodReadiness readiness, PodLifecycle lifecycle,
      PodAddresses addresses) {
    this.client = client;
    this.readiness = readiness;
    this.lifecycle = lifecycle;
    this.addresses = addresses;
  }

  /** Starts watching StatefulSets and pods in all namespaces. */
  public StatefulSetSimulator start() {
    loop = new ControllerLoop("statefulset-simulator", this::reconcile, this::allKeys);
    readiness.onChange(this::readinessChanged);
    readiness.onPodChange(this::podReadinessChanged);
    statefulSets = client.apps().statefulSets().inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(StatefulSet sts) {
        loop.enqueue(key(sts.getMetadata().getNamespace(), sts.getMetadata().getName()));
      }

      @Override
      public void onUpdate(StatefulSet old, StatefulSet sts) {
        onAdd(sts);
      }

      @Override
      public void onDelete(StatefulSet sts, boolean unknown) {
      }
    });
    pods = client.pods().inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        if (isTerminating(pod) && runsHere(pod)) {
          loop.enqueue(kubeletKey(pod));
        }
        owner(pod).ifPresent(loop::enqueue);
      }

      @Override
      public void onUpdate(Pod old, Pod pod) {
        onAdd(pod);
      }

      @Override
      public void onDelete(Pod pod, boolean unknown) {
        Optional<String> owner = owner(pod);
        if (owner.isPresent()) {
          if (!signalled.remove(pod.getMetadata().getUid())) {
            lifecycle.onDeleted(pod); // removed without a grace period (forced)
          }
          loop.enqueue(owner.get());
        }
      }
    });
    return this;
  }

  /** Re-evaluates the readiness of every simulated pod (call when the {@link PodReadiness} answers change). */
  public void readinessChanged() {
    if (loop != null) {
      allKeys().forEach(loop::enqueue);
    }
  }

  /** Re-evaluates the StatefulSet of pod {@code <sts>-<ordinal>} after that pod's readiness answer changed. */
  private void podReadinessChanged(String namespace, String podName) {
    int dash = podName.lastIndexOf('-');
    if (loop != null && dash > 0) {
      loop.enqueue(key(namespace, podName.substring(0, dash)));
      Pod pod = pods == null ? null : pods.getStore().getByKey(namespace + "/" + podName);
      if (pod != null && isTerminating(pod) && runsHere(pod)) {
        loop.enqueue(kubeletKey(pod)); // its processes may have exited, or been killed
      }
    }
  }

  /**
   * Runs one reconcile of a StatefulSet now, after whatever is queued, and waits for it: after it,
   * anything the simulator would do on the current state has been done (tests use it to check that
   * something does <em>not</em> happen, e.g. no next pod while one is unready).
   */
  public void reconcileNow(String namespace, String name) {
    loop.runNow(key(namespace, name));
  }

  @Override
  public void close() {
    if (loop != null) {
      loop.close();
    }
    if (statefulSets != null) {
      statefulSets.close();
    }
    if (pods != null) {
      pods.close();
    }
  }

  private List<String> allKeys() {
    if (statefulSets == null || pods == null) {
      return List.of();
    }
    List<String> keys = new ArrayList<>(statefulSets.getStore().list().stream()
        .map(s -> key(s.getMetadata().getNamespace(), s.getMetadata().getName())).toList());
    pods.getStore().list().stream().filter(p -> isTerminating(p) && runsHere(p))
        .map(StatefulSetSimulator::kubeletKey).forEach(keys::add);
    return keys;
  }

  /** The key of the kubelet's work on one pod: it runs whether or not a StatefulSet still owns the pod. */
  private static String kubeletKey(Pod pod) {
    return KUBELET + key(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
  }

  /** Whether the pod runs on a node of this simulator's (it created the pod, whoever owns it now). */
  private static boolean runsHere(Pod pod) {
    return pod.getSpec() != null && pod.getSpec().getNodeName() != null
        && pod.getSpec().getNodeName().startsWith(NODE_PREFIX) && pod.getMetadata().getLabels() != null
        && pod.getMetadata().getLabels().containsKey(POD_INDEX_LABEL);
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private static Optional<String> owner(Pod pod) {
    if (pod.getMetadata().getOwnerReferences() == null) {
      return Optional.empty();
    }
    return pod.getMetadata().getOwnerReferences().stream()
        .filter(r -> "StatefulSet".equals(r.getKind()) && Boolean.TRUE.equals(r.getController()))
        .map(r -> key(pod.getMetadata().getNamespace(), r.getName())).findFirst();
  }

  // ---- reconcile ------------------------------------------------------------------------------

  /** What one reconcile of one StatefulSet knows. */
  private record Plan(StatefulSet sts, int replicas, boolean parallel, boolean onDelete, int partition,
      String currentRevision, String updateRevision) {

    String name() {
      return sts.getMetadata().getName();
    }

    String namespace() {
      return sts.getMetadata().getNamespace();
    }

    /** The revision a (re-)created pod gets: below the partition the current one, as the real controller does. */
    String revisionFor(int ordinal) {
      return !onDelete && ordinal < partition ? currentRevision : updateRevision;
    }
  }

  private void reconcile(String key) {
    if (key.startsWith(KUBELET)) {
      String podKey = key.substring(KUBELET.length());
      int slash = podKey.indexOf('/');
      Pod pod = client.pods().inNamespace(podKey.substring(0, slash)).withName(podKey.substring(slash + 1)).get();
      if (pod != null && isTerminating(pod)) {
        terminate(pod);
      }
      return;
    }
    int slash = key.indexOf('/');
    StatefulSet sts = client.apps().statefulSets().inNamespace(key.substring(0, slash))
        .withName(key.substring(slash + 1)).get();
    if (sts == null || sts.getMetadata().getDeletionTimestamp() != null) {
      return; // pods and PVCs owned by it go by garbage collection
    }
    reconcile(sts);
  }

  /** One reconcile of {@code sts} as read at its start (which may be outdated by the time it acts). */
  void reconcile(StatefulSet sts) {
    Plan plan = plan(sts);
    TreeMap<Integer, Pod> owned = ownedPods(plan);
    if (owned == null) {
      return; // as the real controller's sync fails when ClaimPods may not adopt: it acts on nothing
    }
    owned.replaceAll((ordinal, pod) -> isTerminating(pod) ? pod : syncRunningAndReady(pod)); // the kubelet key ends those
    boolean acted = createMissing(plan, owned) || deleteCondemned(plan, owned) || rollOne(plan, owned);
    TreeMap<Integer, Pod> after = acted ? ownedPods(plan) : owned;
    if (after != null) {
      writeStatus(plan, after);
    }
  }

  private Plan plan(StatefulSet sts) {
    StatefulSetSpec spec = sts.getSpec();
    String updateRevision = sts.getMetadata().getName() + "-" + PodTemplateHash.of(spec.getTemplate());
    templates.put(updateRevision, spec.getTemplate());
    String currentRevision = Optional.ofNullable(sts.getStatus()).map(StatefulSetStatus::getCurrentRevision)
        .filter(templates::containsKey).orElse(updateRevision);
    StatefulSetUpdateStrategy strategy = spec.getUpdateStrategy();
    boolean onDelete = strategy != null && "OnDelete".equals(strategy.getType());
    int partition = onDelete ? 0 : Optional.ofNullable(strategy).map(StatefulSetUpdateStrategy::getRollingUpdate)
        .map(RollingUpdateStatefulSetStrategy::getPartition).orElse(0);
    return new Plan(sts, spec.getReplicas() == null ? 1 : spec.getReplicas(),
        "Parallel".equals(spec.getPodManagementPolicy()), onDelete, partition, currentRevision, updateRevision);
  }

  /** The set's pods by ordinal, orphans adopted; null when they may not be adopted ({@link #stillLive}). */
  private TreeMap<Integer, Pod> ownedPods(Plan plan) {
    Pattern ordinalName = Pattern.compile(Pattern.quote(plan.name()) + "-(\\d+)");
    TreeMap<Integer, Pod> owned = new TreeMap<>();
    Boolean mayAdopt = null;
    for (Pod pod : candidatePods(plan.sts())) {
      Matcher m = ordinalName.matcher(pod.getMetadata().getName());
      if (!m.matches()) {
        continue;
      }
      if (SimulatedPods.isControlledBy(pod, plan.sts())) {
        owned.put(Integer.parseInt(m.group(1)), pod);
      } else if (adoptable(pod, plan.sts())) {
        mayAdopt = mayAdopt != null ? mayAdopt : stillLive(plan.sts());
        if (!mayAdopt) {
          return null;
        }
        owned.put(Integer.parseInt(m.group(1)), adopt(pod, plan.sts()));
      }
    }
    return owned;
  }

  /**
   * The real controller's {@code RecheckDeletionTimestamp} before any adoption: a fresh read must show
   * this very StatefulSet, not deleting. Without it a reconcile that read the set just before an
   * orphan deletion would adopt the pods that deletion just released back to the deleted set.
   */
  private boolean stillLive(StatefulSet sts) {
    StatefulSet fresh = client.apps().statefulSets().inNamespace(sts.getMetadata().getNamespace())
        .withName(sts.getMetadata().getName()).get();
    return fresh != null && fresh.getMetadata().getDeletionTimestamp() == null
        && fresh.getMetadata().getUid().equals(sts.getMetadata().getUid());
  }

  /**
   * The namespace's pods that match the StatefulSet's selector, as the real controller's
   * {@code ClaimPods} considers them (a controlled pod whose labels stopped matching is released
   * there, not counted): the server filters, so a reconcile reads this StatefulSet's few pods, not
   * every pod of a namespace with a thousand clusters. A StatefulSet without {@code matchLabels}
   * (the API requires a selector; simple tests omit it) reads them all.
   */
  private List<Pod> candidatePods(StatefulSet sts) {
    Map<String, String> selector = sts.getSpec().getSelector() == null ? null
        : sts.getSpec().getSelector().getMatchLabels();
    boolean expressions = sts.getSpec().getSelector() != null && sts.getSpec().getSelector().getMatchExpressions() != null
        && !sts.getSpec().getSelector().getMatchExpressions().isEmpty();
    if (selector == null || selector.isEmpty() || expressions) {
      return client.pods().inNamespace(sts.getMetadata().getNamespace()).list().getItems();
    }
    return client.pods().inNamespace(sts.getMetadata().getNamespace()).withLabels(selector).list().getItems();
  }

  /**
   * Whether the real controller's {@code ClaimPods} would adopt {@code pod}: no controller owns it,
   * it is not going away and its labels match the selector (a StatefulSet deleted with
   * {@code propagationPolicy: Orphan} left it behind).
   */
  private static boolean adoptable(Pod pod, StatefulSet sts) {
    boolean controlled = pod.getMetadata().getOwnerReferences() != null && pod.getMetadata().getOwnerReferences()
        .stream().anyMatch(r -> Boolean.TRUE.equals(r.getController()));
    Map<String, String> selector = sts.getSpec().getSelector() == null ? null
        : sts.getSpec().getSelector().getMatchLabels();
    Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    return !controlled && pod.getMetadata().getDeletionTimestamp() == null && selector != null && !selector.isEmpty()
        && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  /**
   * Adopts an orphan as the real controller does: it gains the controller reference and is kept as it
   * is. Its revision label decides whether a rollout replaces it; the revision hashes only the pod
   * template, so a StatefulSet re-created with other {@code volumeClaimTemplates} keeps its pods.
   */
  private Pod adopt(Pod pod, StatefulSet sts) {
    return client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
        .edit(p -> {
          List<io.fabric8.kubernetes.api.model.OwnerReference> refs = new ArrayList<>(
              p.getMetadata().getOwnerReferences() == null ? List.of() : p.getMetadata().getOwnerReferences());
          refs.add(SimulatedPods.controlledBy(sts));
          p.getMetadata().setOwnerReferences(refs);
          return p;
        });
  }

  static boolean isTerminating(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() != null;
  }

  /** Running and Ready and not Terminating ({@code isHealthy} of the real controller). */
  private static boolean isHealthy(Pod pod) {
    return SimulatedPods.isReady(pod) && !isTerminating(pod);
  }

  /**
   * The kubelet's part of a graceful deletion: SIGTERM once, readiness as the probe sees it while the
   * processes stop, and when they have exited the containers' terminated state and the final delete
   * with grace period 0 (finalizers may still hold the object).
   */
  private Pod terminate(Pod pod) {
    if (signalled.add(pod.getMetadata().getUid())) {
      lifecycle.onDeleted(pod);
    }
    if (!lifecycle.hasExited(pod)) {
      if (SimulatedPods.isRunning(pod) && SimulatedPods.isReady(pod) != readiness.isReady(pod)) {
        pod.setStatus(SimulatedPods.withReadiness(pod, readiness.isReady(pod)));
        pod = client.pods().resource(pod).updateStatus();
      }
      return pod;
    }
    if (!SimulatedPods.hasTerminated(pod)) {
      pod.setStatus(SimulatedPods.terminated(pod));
      pod = client.pods().resource(pod).updateStatus();
    }
    client.pods().resource(pod).withGracePeriod(0).delete();
    return pod;
  }

  /** Gives pods an IP and Running phase if they lack it, and sets Ready from {@link PodReadiness}. */
  private Pod syncRunningAndReady(Pod pod) {
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      return pod;
    }
    if (!SimulatedPods.isRunning(pod)) {
      pod.setStatus(SimulatedPods.running(pod, false, addresses.next()));
      pod = client.pods().resource(pod).updateStatus();
      lifecycle.onStarted(pod);
    }
    boolean ready = readiness.isReady(pod);
    if (SimulatedPods.isReady(pod) != ready) {
      pod.setStatus(SimulatedPods.withReadiness(pod, ready));
      pod = client.pods().resource(pod).updateStatus();
    }
    return pod;
  }

  private boolean createMissing(Plan plan, TreeMap<Integer, Pod> owned) {
    boolean acted = false;
    for (int ordinal = 0; ordinal < plan.replicas(); ordinal++) {
      if (owned.containsKey(ordinal)) {
        if (!plan.parallel() && !isHealthy(owned.get(ordinal))) {
          return acted; // OrderedReady: wait for each pod to be Ready (and a Terminating one to go) before the next
        }
        continue; // a Terminating pod is replaced once it is gone
      }
      createClaims(plan, ordinal);
      Pod pod = client.pods().inNamespace(plan.namespace()).resource(newPod(plan, ordinal)).create();
      owned.put(ordinal, syncRunningAndReady(pod));
      acted = true;
      if (!plan.parallel()) {
        return true;
      }
    }
    return acted;
  }

  private boolean deleteCondemned(Plan plan, TreeMap<Integer, Pod> owned) {
    List<Integer> condemned = new ArrayList<>(owned.tailMap(plan.replicas(), true).descendingKeySet());
    if (condemned.isEmpty()) {
      return false;
    }
    if (!plan.parallel()) {
      // OrderedReady: highest first, one at a time, waiting for a Terminating one to go; an unready
      // target waits unless it is the first unready pod
      int target = condemned.get(0);
      if (isTerminating(owned.get(target))) {
        return false;
      }
      Integer firstUnready = owned.entrySet().stream().filter(e -> !isHealthy(e.getValue()))
          .map(Map.Entry::getKey).findFirst().orElse(null);
      if (!SimulatedPods.isReady(owned.get(target)) && !Objects.equals(firstUnready, target)) {
        return false;
      }
      condemned = List.of(target);
    }
    condemned = condemned.stream().filter(ordinal -> !isTerminating(owned.get(ordinal))).toList();
    if (condemned.isEmpty()) {
      return false;
    }
    for (int ordinal : condemned) {
      client.pods().resource(owned.get(ordinal)).delete();
      if ("Delete".equals(retention(plan).getWhenScaled())) {
        deleteClaims(plan, ordinal);
      }
    }
    return true;
  }

  /** RollingUpdate: replace the highest out-of-date pod at or above the partition, once the ones above are Ready. */
  private boolean rollOne(Plan plan, TreeMap<Integer, Pod> owned) {
    if (plan.onDelete() || owned.size() < plan.replicas()) {
      return false;
    }
    for (int ordinal = plan.replicas() - 1; ordinal >= plan.partition(); ordinal--) {
      Pod pod = owned.get(ordinal);
      if (!plan.updateRevision().equals(revisionOf(pod)) && !isTerminating(pod)) {
        client.pods().resource(pod).delete();
        return true;
      }
      if (!isHealthy(pod)) {
        return false; // wait for it to be Ready, or to be gone and re-created
      }
    }
    return false;
  }

  private void writeStatus(Plan plan, TreeMap<Integer, Pod> owned) {
    int count = owned.size();
    int ready = (int) owned.values().stream().filter(SimulatedPods::isReady).count();
    // as computeReplicaStatus: Terminating pods count as replicas (and as ready while Ready), not as current or updated
    int updated = (int) owned.values().stream().filter(p -> !isTerminating(p))
        .filter(p -> plan.updateRevision().equals(revisionOf(p))).count();
    String currentRevision = plan.currentRevision();
    boolean rolloutComplete = !plan.onDelete() && updated == count && ready == count && count == plan.replicas();
    if (rolloutComplete) {
      currentRevision = plan.updateRevision();
    }
    String current = currentRevision;
    int currentReplicas = (int) owned.values().stream().filter(p -> !isTerminating(p))
        .filter(p -> current.equals(revisionOf(p))).count();
    StatefulSetStatus status = new StatefulSetStatusBuilder()
        .withObservedGeneration(plan.sts().getMetadata().getGeneration())
        .withReplicas(count).withReadyReplicas(ready).withAvailableReplicas(ready)
        .withCurrentReplicas(currentReplicas).withUpdatedReplicas(updated)
        .withCurrentRevision(currentRevision).withUpdateRevision(plan.updateRevision())
        .withCollisionCount(0).build();
    if (!status.equals(plan.sts().getStatus())) {
      StatefulSet sts = plan.sts();
      sts.setStatus(status);
      client.apps().statefulSets().resource(sts).updateStatus();
    }
  }

  private static String revisionOf(Pod pod) {
    return pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(REVISION_LABEL);
  }

  // ---- pods and claims ------------------------------------------------------------------------

  private Pod newPod(Plan plan, int ordinal) {
    String revision = plan.revisionFor(ordinal);
    PodTemplateSpec template = Serialization.clone(templates.getOrDefault(revision, plan.sts().getSpec().getTemplate()));
    String podName = plan.name() + "-" + ordinal;
    Map<String, String> labels = new LinkedHashMap<>();
    if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
      labels.putAll(template.getMetadata().getLabels());
    }
    labels.put(REVISION_LABEL, revision);
    labels.put(POD_NAME_LABEL, podName);
    labels.put(POD_INDEX_LABEL, String.valueOf(ordinal));
    PodSpec spec = template.getSpec();
    spec.setHostname(podName);
    spec.setSubdomain(plan.sts().getSpec().getServiceName());
    if (spec.getNodeName() == null) {
      // no scheduler here: each ordinal has a node of its own, so pods pinned next to a member can name it
      spec.setNodeName(NODE_PREFIX + ordinal);
    }
    List<Volume> volumes = new ArrayList<>(spec.getVolumes() == null ? List.of() : spec.getVolumes());
    for (PersistentVolumeClaim claim : claimTemplates(plan)) {
      String claimName = claim.getMetadata().getName();
      volumes.removeIf(v -> claimName.equals(v.getName()));
      volumes.add(new VolumeBuilder().withName(claimName).withNewPersistentVolumeClaim()
          .withClaimName(claimName(claimName, plan, ordinal)).endPersistentVolumeClaim().build());
    }
    spec.setVolumes(volumes);
    return new PodBuilder()
        .withMetadata(new ObjectMetaBuilder().withName(podName).withNamespace(plan.namespace()).withLabels(labels)
            .withAnnotations(template.getMetadata() == null ? null : template.getMetadata().getAnnotations())
            .withOwnerReferences(SimulatedPods.controlledBy(plan.sts())).build())
        .withSpec(spec).build();
  }

  private void createClaims(Plan plan, int ordinal) {
    boolean ownedBySts = "Delete".equals(retention(plan).getWhenDeleted());
    for (PersistentVolumeClaim template : claimTemplates(plan)) {
      String name = claimName(template.getMetadata().getName(), plan, ordinal);
      if (client.persistentVolumeClaims().inNamespace(plan.namespace()).withName(name).get() != null) {
        continue; // retained from an earlier incarnation: the pod gets its old data back
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (template.getMetadata().getLabels() != null) {
        labels.putAll(template.getMetadata().getLabels());
      }
      if (plan.sts().getSpec().getSelector() != null && plan.sts().getSpec().getSelector().getMatchLabels() != null) {
        labels.putAll(plan.sts().getSpec().getSelector().getMatchLabels());
      }
      ObjectMetaBuilder metadata = new ObjectMetaBuilder().withName(name).withNamespace(plan.namespace())
          .withLabels(labels).withAnnotations(template.getMetadata().getAnnotations());
      if (ownedBySts) {
        metadata.withOwnerReferences(SimulatedPods.controlledBy(plan.sts()));
      }
      PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(plan.namespace())
          .resource(new PersistentVolumeClaimBuilder().withMetadata(metadata.build())
              .withSpec(Serialization.clone(template.getSpec())).build())
          .create();
      Quantity size = claim.getSpec().getResources() == null || claim.getSpec().getResources().getRequests() == null
          ? null : claim.getSpec().getResources().getRequests().get("storage");
      claim.setStatus(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder().withPhase("Bound")
          .withAccessModes(claim.getSpec().getAccessModes())
          .withCapacity(size == null ? null : Map.of("storage", size)).build());
      client.persistentVolumeClaims().resource(claim).updateStatus();
    }
  }

  private void deleteClaims(Plan plan, int ordinal) {
    for (PersistentVolumeClaim template : claimTemplates(plan)) {
      client.persistentVolumeClaims().inNamespace(plan.namespace())
          .withName(claimName(template.getMetadata().getName(), plan, ordinal)).delete();
    }
  }

  private static List<PersistentVolumeClaim> claimTemplates(Plan plan) {
    List<PersistentVolumeClaim> templates = plan.sts().getSpec().getVolumeClaimTemplates();
    return templates == null ? List.of() : templates;
  }

  private static StatefulSetPersistentVolumeClaimRetentionPolicy retention(Plan plan) {
    StatefulSetPersistentVolumeClaimRetentionPolicy policy =
        plan.sts().getSpec().getPersistentVolumeClaimRetentionPolicy();
    return policy == null ? new StatefulSetPersistentVolumeClaimRetentionPolicy("Retain", "Retain") : policy;
  }

  /** {@code <claim>-<sts>-<ordinal>}, the name the real controller gives a StatefulSet pod's claim. */
  public static String claimName(String claim, String statefulSet, int ordinal) {
    return claim + "-" + statefulSet + "-" + ordinal;
  }

  private static String claimName(String claim, Plan plan, int ordinal) {
    return claimName(claim, plan.name(), ordinal);
  }
}
