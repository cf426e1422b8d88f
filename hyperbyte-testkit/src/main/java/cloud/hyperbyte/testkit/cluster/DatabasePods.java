package cloud.hyperbyte.testkit.cluster;

import cloud.hyperbyte.testkit.db.DatabaseOptions;
import cloud.hyperbyte.testkit.db.MemberVolume;
import cloud.hyperbyte.testkit.db.SimulatedDatabase;
import cloud.hyperbyte.testkit.db.SimulatedNode;
import cloud.hyperbyte.testkit.db.SimulatedTime;
import cloud.hyperbyte.testkit.kube.PodLifecycle;
import cloud.hyperbyte.testkit.kube.PodReadiness;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What runs inside simulated StatefulSet pods: each pod incarnation runs the simulated member of its
 * ordinal, configured by the {@code config.toml} it mounts, on the volume of its PVCs.
 * <ul>
 *   <li>a started pod starts its member; the member keeps its volume only when the pod mounts the
 *       same PVCs (by UID) as at that member's previous start, so a deleted PVC means a fresh disk;</li>
 *   <li>a pod being deleted stops its member (SIGTERM: in cluster mode the drain runs); the pod stays
 *       Terminating while the process runs, and when its {@code deletionGracePeriodSeconds} have passed
 *       on the simulated time a process still running is killed (SIGKILL), as the kubelet does; a late
 *       delete event of an earlier incarnation is ignored;</li>
 *   <li>a pod is Ready when its member's {@code /health} answers 200; a member's health change reaches
 *       the StatefulSet simulator through {@link #onPodChange}, naming its pod.</li>
 * </ul>
 * Members of one StatefulSet that run with different settings (cluster mode off at one replica, on at
 * more) live in separate {@link SimulatedDatabase}s, one per distinct {@link DatabaseOptions}.
 */
final class DatabasePods implements PodLifecycle, PodReadiness, AutoCloseable {

  private static final Pattern ORDINAL = Pattern.compile("(.+)-(\\d+)");

  /** The member a pod incarnation runs. */
  private record Incarnation(String podUid, SimulatedDatabase database, int ordinal) {}

  /** One member of one simulated database, for remembering the volumes it last started on. */
  private record MemberKey(DatabaseOptions database, int ordinal) {}

  private final KubernetesClient reader;
  private final SimulatedTime time;
  private final BiFunction<String, String, DatabaseOptions> baseOptions;
  private final Map<DatabaseOptions, SimulatedDatabase> databases = new ConcurrentHashMap<>();
  private final Map<PodRef, Incarnation> running = new ConcurrentHashMap<>();
  /** Incarnations of Terminating pods, from their SIGTERM until the pod is gone. */
  private final Map<PodRef, Incarnation> terminating = new ConcurrentHashMap<>();
  private final Map<MemberKey, List<String>> volumesAtLastStart = new ConcurrentHashMap<>();
  private final List<BiConsumer<String, String>> readinessListeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

  /**
   * @param reader a client whose reads count as the simulated kubelet's, not the code under test's
   * @param baseOptions the options of the database of StatefulSet {@code (namespace, name)} before the
   *     mounted config file applies
   */
  DatabasePods(KubernetesClient reader, SimulatedTime time, BiFunction<String, String, DatabaseOptions> baseOptions) {
    this.reader = reader;
    this.time = time;
    this.baseOptions = baseOptions;
  }

  // ---- PodLifecycle ----------------------------------------------------------------------------

  @Override
  public synchronized void onStarted(Pod pod) {
    PodRef ref = PodRef.of(pod);
    Optional<Integer> ordinal = ordinalOf(pod);
    if (ordinal.isEmpty()) {
      return;
    }
    Incarnation previous = running.get(ref);
    if (previous != null && previous.podUid().equals(pod.getMetadata().getUid())) {
      return; // already running this incarnation
    }
    terminating.remove(ref); // an earlier incarnation's pod is gone; its start below kills what still runs
    MountedServerConfig mounted = mountedConfig(pod);
    DatabaseOptions options = mounted.applyTo(baseOptions.apply(ref.namespace(), statefulSetOf(ref)));
    SimulatedDatabase database = databaseFor(options);
    if (previous != null && previous.database() != database) {
      // the earlier incarnation's process may still be draining in the other database: the pod is gone
      previous.database().crash(previous.ordinal());
    }
    List<String> volumes = volumeIdentity(pod);
    MemberKey member = new MemberKey(options, ordinal.get());
    boolean keepState = !volumes.isEmpty() && volumes.equals(volumesAtLastStart.get(member));
    volumesAtLastStart.put(member, volumes);
    running.put(ref, new Incarnation(pod.getMetadata().getUid(), database, ordinal.get()));
    database.start(ordinal.get(), keepState, mounted.authEnabled().orElse(options.auth().enabled()));
    changeListeners.forEach(Runnable::run);
  }

  @Override
  public synchronized void onDeleted(Pod pod) {
    PodRef ref = PodRef.of(pod);
    Incarnation incarnation = running.get(ref);
    if (incarnation != null && incarnation.podUid().equals(pod.getMetadata().getUid())) {
      running.remove(ref);
      Long grace = pod.getMetadata().getDeletionGracePeriodSeconds();
      if (pod.getMetadata().getDeletionTimestamp() != null && grace != null && grace > 0) {
        terminating.put(ref, incarnation);
        time.schedule(Duration.ofSeconds(grace), () -> killAfterGracePeriod(ref, incarnation));
      }
      incarnation.database().stop(incarnation.ordinal());
      changeListeners.forEach(Runnable::run);
    }
  }

  /** The kubelet's SIGKILL when the grace period ends and the member still runs. */
  private synchronized void killAfterGracePeriod(PodRef ref, Incarnation incarnation) {
    if (terminating.get(ref) != incarnation) {
      return;
    }
    if (incarnation.database().node(incarnation.ordinal()).isProcessRunning()) {
      incarnation.database().crash(incarnation.ordinal());
    }
    readinessListeners.forEach(listener -> listener.accept(ref.namespace(), ref.name()));
    changeListeners.forEach(Runnable::run);
  }

  @Override
  public boolean hasExited(Pod pod) {
    Incarnation incarnation = terminating.get(PodRef.of(pod));
    if (incarnation == null || !incarnation.podUid().equals(pod.getMetadata().getUid())) {
      return true;
    }
    return !incarnation.database().node(incarnation.ordinal()).isProcessRunning();
  }

  // ---- PodReadiness ----------------------------------------------------------------------------

  @Override
  public boolean isReady(Pod pod) {
    Incarnation incarnation = running.get(PodRef.of(pod));
    if (incarnation == null || !incarnation.podUid().equals(pod.getMetadata().getUid())) {
      return ordinalOf(pod).isEmpty(); // pods without a member (none so far) follow their own probes
    }
    return incarnation.database().ready(pod.getMetadata().getName());
  }

  @Override
  public void onPodChange(BiConsumer<String, String> listener) {
    readinessListeners.add(listener);
  }

  // ---- lookups ---------------------------------------------------------------------------------

  /** Calls {@code listener} after a member started or stopped with its pod, or its readiness changed. */
  void onMemberChange(Runnable listener) {
    changeListeners.add(listener);
  }

  /** Whether a current incarnation of the pod runs a member whose {@code /health} answers 200. */
  boolean memberReady(PodRef pod) {
    Incarnation incarnation = running.get(pod);
    return incarnation != null && incarnation.database().ready(pod.name());
  }

  /** The member the pod's current incarnation runs. */
  Optional<SimulatedNode> member(PodRef pod) {
    Incarnation incarnation = running.get(pod);
    return incarnation == null ? Optional.empty() : Optional.of(incarnation.database().node(incarnation.ordinal()));
  }

  /**
   * {@code 127.0.0.1:<port>} of the pod's member: the running incarnation's, else the member a pod of
   * that name would run with the base options, which refuses connections until it starts.
   */
  String loopbackAddress(PodRef pod) {
    Incarnation incarnation = running.get(pod);
    if (incarnation != null) {
      return incarnation.database().addressOf(pod.name());
    }
    Matcher m = ORDINAL.matcher(pod.name());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a StatefulSet pod name: " + pod.name());
    }
    return databaseFor(baseOptions.apply(pod.namespace(), m.group(1))).node(Integer.parseInt(m.group(2))).address();
  }

  /**
   * The volume of PVC {@code claimName}: the disk of the member that last started on it (by UID).
   * Empty when the claim does not exist or no member ever ran on it.
   */
  Optional<MemberVolume> volumeOfClaim(String namespace, String claimName) {
    PersistentVolumeClaim claim = reader.persistentVolumeClaims().inNamespace(namespace).withName(claimName).get();
    if (claim == null || claim.getMetadata().getDeletionTimestamp() != null) {
      return Optional.empty();
    }
    List<String> identity = List.of(claim.getMetadata().getUid());
    return volumesAtLastStart.entrySet().stream()
        .filter(e -> e.getValue().equals(identity))
        .map(Map.Entry::getKey)
        .filter(member -> databases.containsKey(member.database()))
        .map(member -> databases.get(member.database()).node(member.ordinal()).volume())
        .findFirst();
  }

  /**
   * The volume of PVC {@code claimName}, provisioned when no member ever ran on it: a claim named as
   * StatefulSet {@code sts}'s claim template names its member's ({@code <template>-<sts>-<ordinal>}),
   * mounted first by another pod (a seed target restoring onto it before the member starts), becomes
   * a fresh disk of that member, which the member then starts on (a real volume is bound to its
   * claim, whoever mounts it first). Empty when the claim is unknown, not a member's, or its member runs
   * on another claim.
   */
  synchronized Optional<MemberVolume> provisionedVolumeOfClaim(String namespace, String claimName) {
    Optional<MemberVolume> existing = volumeOfClaim(namespace, claimName);
    PersistentVolumeClaim claim = reader.persistentVolumeClaims().inNamespace(namespace).withName(claimName).get();
    if (existing.isPresent() || claim == null || claim.getMetadata().getDeletionTimestamp() != null) {
      return existing;
    }
    for (StatefulSet sts : reader.apps().statefulSets().inNamespace(namespace).list().getItems()) {
      for (PersistentVolumeClaim template : Optional.ofNullable(sts.getSpec().getVolumeClaimTemplates()).orElse(List.of())) {
        String prefix = template.getMetadata().getName() + "-" + sts.getMetadata().getName() + "-";
        if (claimName.startsWith(prefix) && claimName.substring(prefix.length()).matches("\\d+")) {
          return provision(new PodRef(namespace, claimName.substring(template.getMetadata().getName().length() + 1)),
              Integer.parseInt(claimName.substring(prefix.length())), claim.getMetadata().getUid());
        }
      }
    }
    return Optional.empty();
  }

  private Optional<MemberVolume> provision(PodRef memberPod, int ordinal, String claimUid) {
    if (running.containsKey(memberPod)) {
      return Optional.empty(); // its member runs on another claim
    }
    // the options the StatefulSet's running members have, so the member's start finds the volume its own
    String sts = statefulSetOf(memberPod);
    DatabaseOptions options = running.entrySet().stream()
        .filter(e -> e.getKey().namespace().equals(memberPod.namespace()) && statefulSetOf(e.getKey()).equals(sts))
        .map(e -> e.getValue().database().options()).findFirst()
        .orElseGet(() -> baseOptions.apply(memberPod.namespace(), sts));
    SimulatedDatabase database = databaseFor(options);
    volumesAtLastStart.put(new MemberKey(options, ordinal), List.of(claimUid));
    database.freshVolume(ordinal);
    return Optional.of(database.node(ordinal).volume());
  }

  /** The databases of StatefulSet {@code name}: one per distinct options its pods ran with. */
  /** HTTP requests every member of every database received so far. */
  long memberRequests() {
    long total = 0;
    for (SimulatedDatabase database : databases.values()) {
      for (SimulatedNode node : database.nodes()) {
        total += node.requestsReceived();
      }
    }
    return total;
  }

  List<SimulatedDatabase> databases(String namespace, String name) {
    List<SimulatedDatabase> found = new ArrayList<>();
    databases.forEach((options, database) -> {
      if (options.namespace().equals(namespace) && options.clusterName().equals(name)) {
        found.add(database);
      }
    });
    return found;
  }

  /** The database the pod's current incarnation runs in. */
  Optional<SimulatedDatabase> databaseOf(PodRef pod) {
    return Optional.ofNullable(running.get(pod)).map(Incarnation::database);
  }

  @Override
  public void close() {
    databases.values().forEach(SimulatedDatabase::close);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private SimulatedDatabase databaseFor(DatabaseOptions options) {
    return databases.computeIfAbsent(options, o -> {
      SimulatedDatabase database = SimulatedDatabase.create(o, time);
      database.onHealthChange(pod -> {
        readinessListeners.forEach(listener -> listener.accept(o.namespace(), pod));
        changeListeners.forEach(Runnable::run);
      });
      return database;
    });
  }

  /** The ordinal of a pod its StatefulSet controls, empty for other pods. */
  private static Optional<Integer> ordinalOf(Pod pod) {
    Optional<String> owner = Optional.ofNullable(pod.getMetadata().getOwnerReferences()).stream()
        .flatMap(List::stream)
        .filter(r -> "StatefulSet".equals(r.getKind()) && Boolean.TRUE.equals(r.getController()))
        .map(r -> r.getName()).findFirst();
    if (owner.isEmpty() || !pod.getMetadata().getName().startsWith(owner.get() + "-")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(pod.getMetadata().getName().substring(owner.get().length() + 1)));
    } catch (NumberFormatException notOrdinal) {
      return Optional.empty();
    }
  }

  private static String statefulSetOf(PodRef pod) {
    return pod.name().substring(0, pod.name().lastIndexOf('-'));
  }

  /** The server config file among the pod's ConfigMap volumes, as it is now. */
  private MountedServerConfig mountedConfig(Pod pod) {
    for (Volume volume : volumes(pod)) {
      if (volume.getConfigMap() == null || volume.getConfigMap().getName() == null) {
        continue;
      }
      ConfigMap configMap = reader.configMaps().inNamespace(pod.getMetadata().getNamespace())
          .withName(volume.getConfigMap().getName()).get();
      if (configMap != null && configMap.getData() != null
          && configMap.getData().containsKey(MountedServerConfig.FILE_NAME)) {
        return MountedServerConfig.parse(configMap.getData().get(MountedServerConfig.FILE_NAME));
      }
    }
    return MountedServerConfig.absent();
  }

  /** The UIDs of the PVCs the pod mounts, in volume order; a missing claim reads as an empty disk. */
  private List<String> volumeIdentity(Pod pod) {
    List<String> uids = new ArrayList<>();
    for (Volume volume : volumes(pod)) {
      if (volume.getPersistentVolumeClaim() == null) {
        continue;
      }
      PersistentVolumeClaim claim = reader.persistentVolumeClaims().inNamespace(pod.getMetadata().getNamespace())
          .withName(volume.getPersistentVolumeClaim().getClaimName()).get();
      uids.add(claim == null || claim.getMetadata().getDeletionTimestamp() != null
          ? "missing:" + volume.getPersistentVolumeClaim().getClaimName()
          : Objects.requireNonNull(claim.getMetadata().getUid(), "claim uid"));
    }
    return uids.stream().anyMatch(uid -> uid.startsWith("missing:")) ? List.of() : uids;
  }

  private static List<Volume> volumes(Pod pod) {
    return pod.getSpec() == null || pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
  }
}
