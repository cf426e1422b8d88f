package cloud.hyperbyte.reconcile.restore;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Objects;

/** A Kubernetes write a restore decision asks for. */
public sealed interface RestoreAction {

  /**
   * Set the restore-hold annotation ({@code OperatorPaths.RESTORE_HOLD_ANNOTATION}) on the cluster
   * to {@code restoreName}: the cluster reconciler then keeps the StatefulSet at zero replicas and
   * shows the hold in the cluster's status.
   */
  record HoldCluster(String cluster, String restoreName) implements RestoreAction {
    public HoldCluster {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(restoreName, "restoreName");
    }
  }

  /** Remove the annotation, only if it still names {@code restoreName}. */
  record ReleaseCluster(String cluster, String restoreName) implements RestoreAction {
    public ReleaseCluster {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(restoreName, "restoreName");
    }
  }

  /** Create a restore pod (already existing is not an error). */
  record CreatePod(Pod pod) implements RestoreAction {
    public CreatePod {
      Objects.requireNonNull(pod, "pod");
    }
  }

  /** Delete a finished restore pod (absent is not an error). */
  record DeletePod(String name) implements RestoreAction {
    public DeletePod {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * Delete the cluster's data claim {@code name} (absent is not an error): a volume of an ordinal
   * at or above the restored replica count, whose pre-restore data and Raft state a later
   * scale-up would otherwise bring back.
   */
  record DeleteClaim(String name) implements RestoreAction {
    public DeleteClaim {
      Objects.requireNonNull(name, "name");
    }
  }
}
