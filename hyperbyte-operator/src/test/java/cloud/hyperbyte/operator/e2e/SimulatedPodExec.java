package cloud.hyperbyte.operator.e2e;

import cloud.hyperbyte.operator.backup.FinishedProcess;
import cloud.hyperbyte.reconcile.backup.PodExec;
import cloud.hyperbyte.reconcile.backup.PodExecException;
import cloud.hyperbyte.reconcile.backup.RemoteProcess;
import cloud.hyperbyte.testkit.cluster.ExecUnavailableException;
import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import cloud.hyperbyte.testkit.container.ExecResult;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The operator's exec port on the simulated cluster: each command runs in the member's container
 * ({@link SimulatedCluster#exec}, the HyperbyteDB image's userland on the member's volume) and its
 * output is handed over as the exec stream would carry it. It lives here rather than in the testkit
 * because the port belongs to hyperbyte-reconcile, which itself tests against the testkit.
 */
public final class SimulatedPodExec implements PodExec {

  private final SimulatedCluster cluster;
  private final BooleanSupplier cutOff;

  /** @param cutOff true once the operator process is dead: it reaches no pod any more */
  public SimulatedPodExec(SimulatedCluster cluster, BooleanSupplier cutOff) {
    this.cluster = cluster;
    this.cutOff = cutOff;
  }

  @Override
  public RemoteProcess start(String namespace, String pod, String container, List<String> command) {
    if (cutOff.getAsBoolean()) {
      throw new PodExecException("the operator process was killed");
    }
    ExecResult result;
    try {
      result = cluster.exec(namespace, pod, container, command);
    } catch (ExecUnavailableException e) {
      throw new PodExecException(e.getMessage(), e);
    }
    return new FinishedProcess(result.stdout(), result.exitCode(), result.stderr());
  }
}
