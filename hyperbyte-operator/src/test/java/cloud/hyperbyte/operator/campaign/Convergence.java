package cloud.hyperbyte.operator.campaign;

import static cloud.hyperbyte.operator.campaign.UserIntent.CLUSTER;
import static cloud.hyperbyte.operator.campaign.UserIntent.NAMESPACE;
import static cloud.hyperbyte.operator.campaign.UserIntent.pod;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.spec.OperatorPaths;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestore;
import cloud.hyperbyte.reconcile.restore.RestoreDecision;
import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;

/**
 * "After the faults stop, every run converges to its spec within {@link #BOUND} of simulated time":
 * the status is Running for the current generation at the spec's version with every replica ready,
 * the member pods run that version and no others exist, and with more than one replica every member
 * is a Raft voter. A deleted cluster converges to nothing left running. A restore that failed leaves
 * its hold for the user, who releases it as the restore's condition says.
 */
final class Convergence {

  static final String NAME = "converges-after-faults";
  /** Generous for a 5-member upgrade after a failover: members start in 0.3 s, drains end within 4 s. */
  static final Duration BOUND = Duration.ofSeconds(150);

  private final SimulatedCluster cluster;
  private final KubernetesClient user;
  private final UserIntent intent;
  private final Trace trace;

  Convergence(SimulatedCluster cluster, UserIntent intent, Trace trace) {
    this.cluster = cluster;
    this.user = cluster.observerClient();
    this.intent = intent;
    this.trace = trace;
  }

  /** Waits for convergence; a violation when {@link #BOUND} of simulated time passes first. Returns the time it took. */
  Duration await() throws InterruptedException {
    Duration start = trace.elapsed();
    String last = "";
    while (true) {
      releaseHoldsOfFailedRestores();
      Optional<String> missing = missing();
      if (missing.isEmpty()) {
        trace.checked(NAME);
        Duration took = trace.elapsed().minus(start);
        trace.log("converged after " + took.toMillis() / 1000.0 + "s");
        return took;
      }
      if (!missing.get().equals(last)) {
        last = missing.get();
        trace.log("not converged: " + last);
      }
      if (trace.elapsed().minus(start).compareTo(BOUND) > 0) {
        trace.checked(NAME);
        trace.violated(NAME, "not converged " + BOUND.toSeconds() + "s after the faults ended: " + last);
        return trace.elapsed().minus(start);
      }
      Thread.sleep(100);
    }
  }

  /**
   * What the user does when a restore failed (its volume lost to a fault, its snapshot unreadable):
   * the restore leaves the cluster held at zero and its condition says to release the hold by hand
   * ({@code kubectl annotate ... restore-hold-}), which the user then does. The cluster converges from there.
   */
  private void releaseHoldsOfFailedRestores() {
    HyperbytedbCluster resource = user.resources(HyperbytedbCluster.class).inNamespace(NAMESPACE).withName(CLUSTER).get();
    if (resource == null || resource.getMetadata().getAnnotations() == null) {
      return;
    }
    String heldBy = resource.getMetadata().getAnnotations().get(OperatorPaths.RESTORE_HOLD_ANNOTATION);
    if (heldBy == null) {
      return;
    }
    HyperbytedbRestore restore = user.resources(HyperbytedbRestore.class).inNamespace(NAMESPACE).withName(heldBy).get();
    // only once the condition says so: before, restore pods being stopped may still write to the volumes
    boolean failed = restore != null && restore.getStatus() != null && restore.getStatus().getConditions() != null
        && RestoreDecision.FAILED.equals(restore.getStatus().getPhase())
        && restore.getStatus().getConditions().stream().anyMatch(c -> RestoreDecision.CLUSTER_HELD.equals(c.getType())
            && "True".equals(c.getStatus()) && "RestoreFailed".equals(c.getReason()));
    if (failed) {
      trace.log("user releases the hold of failed restore " + heldBy + ", as its condition says");
      user.resources(HyperbytedbCluster.class).inNamespace(NAMESPACE).withName(CLUSTER)
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\""
              + OperatorPaths.RESTORE_HOLD_ANNOTATION + "\":null}}}");
    }
  }

  private static String owners(io.fabric8.kubernetes.api.model.ObjectMeta meta) {
    return meta.getOwnerReferences() == null ? "none" : meta.getOwnerReferences().stream()
        .map(o -> o.getKind() + "/" + o.getName() + "/" + o.getUid()).toList().toString();
  }

  /** What is still not as the spec says, if anything. */
  private Optional<String> missing() {
    HyperbytedbCluster resource = user.resources(HyperbytedbCluster.class).inNamespace(NAMESPACE).withName(CLUSTER).get();
    List<Pod> pods = user.pods().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(p -> p.getMetadata().getName().matches(CLUSTER + "-\\d+")).toList();
    if (intent.deleted()) {
      boolean running = LongStream.range(0, 8).anyMatch(o -> cluster.member(NAMESPACE, pod((int) o)).isPresent());
      if (resource == null && pods.isEmpty() && !running) {
        return Optional.empty();
      }
      var statefulSet = user.apps().statefulSets().inNamespace(NAMESPACE).withName(CLUSTER).get();
      return Optional.of("deleted, but resource " + (resource != null) + ", pods " + pods.stream()
          .map(p -> p.getMetadata().getName() + " (owner " + owners(p.getMetadata()) + ")").toList()
          + ", StatefulSet " + (statefulSet == null ? "gone" : "there (owner " + owners(statefulSet.getMetadata())
              + ", created " + statefulSet.getMetadata().getCreationTimestamp() + ")"));
    }
    if (resource == null) {
      return Optional.of("the cluster resource is gone");
    }
    int replicas = resource.getSpec().getReplicas();
    String version = resource.getSpec().getVersion();
    HyperbytedbClusterStatus status = resource.getStatus();
    if (status == null || !"Running".equals(status.getPhase())
        || !Objects.equals(status.getObservedGeneration(), resource.getMetadata().getGeneration())
        || !Objects.equals(status.getReadyReplicas(), replicas) || !version.equals(status.getCurrentVersion())) {
      return Optional.of("status " + (status == null ? "none" : status.getPhase() + " " + status.getCurrentVersion()
          + " ready " + status.getReadyReplicas() + " generation " + status.getObservedGeneration() + "/"
          + resource.getMetadata().getGeneration()) + ", want Running " + version + " ready " + replicas);
    }
    Set<String> names = new TreeSet<>();
    for (Pod pod : pods) {
      names.add(pod.getMetadata().getName());
      if (!pod.getSpec().getContainers().get(0).getImage().endsWith(":" + version)) {
        return Optional.of(pod.getMetadata().getName() + " runs " + pod.getSpec().getContainers().get(0).getImage());
      }
    }
    Set<String> wanted = new TreeSet<>();
    for (int ordinal = 0; ordinal < replicas; ordinal++) {
      wanted.add(pod(ordinal));
      if (!cluster.memberReady(NAMESPACE, pod(ordinal))) {
        return Optional.of(pod(ordinal) + " not ready");
      }
    }
    if (!names.equals(wanted)) {
      return Optional.of("pods " + names + ", want " + wanted);
    }
    if (replicas > 1) {
      Set<Long> voters = cluster.database(NAMESPACE, CLUSTER).flatMap(db -> db.raft())
          .map(raft -> (Set<Long>) new TreeSet<>(raft.voters())).orElse(Set.of());
      Set<Long> wantedVoters = new TreeSet<>();
      LongStream.rangeClosed(1, replicas).forEach(wantedVoters::add);
      if (!voters.equals(wantedVoters)) {
        return Optional.of("voters " + voters + ", want " + wantedVoters);
      }
    }
    return Optional.empty();
  }
}
