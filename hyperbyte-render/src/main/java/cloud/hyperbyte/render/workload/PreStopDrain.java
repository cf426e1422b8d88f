package cloud.hyperbyte.render.workload;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.render.tls.TlsSecretSource;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleBuilder;
import java.util.Optional;

/**
 * The preStop hook of cluster members: start the server's drain, then wait until the node reports
 * {@code leaving}, for at most {@value TerminationBudget#DRAIN_ACK_WAIT_SECS} s by the clock. With
 * async replication the drain never gets there (the ack wait times out and the node stays
 * Draining), so the hook always ends by itself and always exits 0: a failed hook must not block the
 * stop. Single mode has no drain and no hook.
 */
public final class PreStopDrain {

  private PreStopDrain() {}

  /** The lifecycle with the hook, or empty in single mode. */
  public static Optional<Lifecycle> lifecycle(ClusterSpec spec) {
    if (!spec.clusterMode()) {
      return Optional.empty();
    }
    return Optional.of(
        new LifecycleBuilder()
            .withNewPreStop()
            .withNewExec()
            .withCommand("/bin/sh", "-c", script(spec))
            .endExec()
            .endPreStop()
            .build());
  }

  /** The hook's script. */
  public static String script(ClusterSpec spec) {
    boolean tls = TlsSecretSource.enabled(spec);
    // Localhost is in every certificate the operator asks for, but the CA is not in the image's
    // trust store; the connection never leaves the pod.
    String curl = tls ? "curl -k" : "curl";
    String base = (tls ? "https" : "http") + "://localhost:" + spec.server().port();
    return "" // keep the script a readable block
        + curl + " -sS -m " + TerminationBudget.DRAIN_REQUEST_SECS + " -X POST " + base + "/internal/drain || true\n"
        + "deadline=$(( $(date +%s) + " + TerminationBudget.DRAIN_ACK_WAIT_SECS + " ))\n"
        + "while [ \"$(date +%s)\" -lt \"$deadline\" ]; do\n"
        + "  if " + curl + " -sS -m 2 " + base + "/cluster/metrics | grep -q '\"state\":\"leaving\"'; then exit 0; fi\n"
        + "  sleep 1\n"
        + "done\n"
        + "exit 0\n";
  }
}
