package cloud.hyperbyte.operator.campaign;

import static cloud.hyperbyte.operator.campaign.UserIntent.CLUSTER;
import static cloud.hyperbyte.operator.campaign.UserIntent.NAMESPACE;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestore;
import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import cloud.hyperbyte.testkit.db.SimulatedNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * "No restore pod writes to a volume a member pod mounts", at every pod event and member change: a
 * Running restore pod and a member process running on a claim it mounts never coexist. It also
 * tells {@link UserIntent} when a restore ends (the hold is by design, not an outage).
 */
final class RestoreVolumeInvariant implements AutoCloseable {

  static final String NAME = "no-restore-pod-on-a-mounted-volume";

  private final SimulatedCluster cluster;
  private final Trace trace;
  private final SharedIndexInformer<Pod> pods;
  private final SharedIndexInformer<HyperbytedbRestore> restores;

  RestoreVolumeInvariant(SimulatedCluster cluster, UserIntent intent, Trace trace) {
    this.cluster = cluster;
    this.trace = trace;
    pods = cluster.observerClient().pods().inNamespace(NAMESPACE).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        if (isRestorePod(pod)) {
          trace.log("restore pod " + pod.getMetadata().getName() + " " + phase(pod));
        }
        check();
      }

      @Override
      public void onUpdate(Pod old, Pod pod) {
        if (isRestorePod(pod) && !Objects.equals(phase(old), phase(pod))) {
          trace.log("restore pod " + pod.getMetadata().getName() + " " + phase(pod));
        }
        check();
      }

      @Override
      public void onDelete(Pod pod, boolean finalStateUnknown) {
      }
    });
    restores = cluster.observerClient().resources(HyperbytedbRestore.class).inNamespace(NAMESPACE)
        .inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(HyperbytedbRestore restore) {
            String phase = restore.getStatus() == null ? null : restore.getStatus().getPhase();
            // a failed restore names its reason: the campaign's expectation after it depends on why
            String why = !"Failed".equals(phase) || restore.getStatus().getConditions() == null ? ""
                : restore.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                    .map(c -> " (" + c.getReason() + ": " + c.getMessage() + ")").findFirst().orElse("");
            trace.log("restore " + restore.getMetadata().getName() + " " + phase + why);
            if ("Completed".equals(phase) || "Failed".equals(phase)) {
              intent.restoring(false);
            }
          }

          @Override
          public void onUpdate(HyperbytedbRestore old, HyperbytedbRestore restore) {
            onAdd(restore);
          }

          @Override
          public void onDelete(HyperbytedbRestore restore, boolean finalStateUnknown) {
          }
        });
    cluster.onMemberChange(this::check);
  }

  private static boolean isRestorePod(Pod pod) {
    return "Never".equals(pod.getSpec().getRestartPolicy()) && pod.getMetadata().getName().contains("-restore-");
  }

  private void check() {
    List<Pod> all = pods.getStore().list();
    for (Pod restorePod : all) {
      if (!isRestorePod(restorePod) || !"Running".equals(phase(restorePod))) {
        continue;
      }
      trace.checked(NAME);
      Set<String> claims = claims(restorePod);
      for (Pod member : all) {
        String name = member.getMetadata().getName();
        boolean running = cluster.member(NAMESPACE, name).map(SimulatedNode::isProcessRunning).orElse(false);
        if (name.matches(CLUSTER + "-\\d+") && running && claims(member).stream().anyMatch(claims::contains)) {
          trace.violated(NAME, restorePod.getMetadata().getName() + " runs on " + claims + " while member " + name
              + " runs on " + claims(member));
        }
      }
    }
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }

  private static Set<String> claims(Pod pod) {
    return pod.getSpec().getVolumes().stream().map(Volume::getPersistentVolumeClaim).filter(Objects::nonNull)
        .map(claim -> claim.getClaimName()).collect(Collectors.toSet());
  }

  @Override
  public void close() {
    pods.close();
    restores.close();
  }
}
