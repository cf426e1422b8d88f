package cloud.hyperbyte.reconcile.backup;

import java.util.List;

/**
 * Runs a command inside a running container through the Kubernetes exec API (the operator
 * implements it with fabric8; tests with a simulated pod). Only the container's own binaries are
 * used, so the data path needs no image besides the database image.
 */
public interface PodExec {

  /**
   * Starts {@code command} (no shell unless the command is one) in {@code container} of the pod.
   *
   * @throws PodExecException when the exec cannot be started (pod gone, container not running,
   *     RBAC)
   */
  RemoteProcess start(String namespace, String pod, String container, List<String> command);
}
