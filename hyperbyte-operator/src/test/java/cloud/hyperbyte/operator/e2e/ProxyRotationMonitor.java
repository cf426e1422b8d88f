package cloud.hyperbyte.operator.e2e;

import cloud.hyperbyte.testkit.cluster.ProxyCall;
import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records every exclude and include call the simulated proxies answer for one cluster, together with
 * what the called-about member was at the moment the call arrived: which pod incarnation has the
 * backend IP, whether that member answered {@code /health} and was a Raft voter. A proxy log alone
 * names IPs; this turns it into "hdb-2 (old pod) excluded", "hdb-2 (new pod, back) included".
 */
final class ProxyRotationMonitor implements AutoCloseable {

  /**
   * One proxy call and the member it was about, as things stood when it arrived.
   *
   * @param member the pod that had the backend IP, {@code "?"} when none had it
   * @param memberUid that pod incarnation's UID
   * @param ready whether its member answered {@code /health}
   * @param voter whether its member was a Raft voter
   */
  record Call(String proxyPod, String action, int status, String member, String memberUid, boolean ready,
      boolean voter) {

    boolean isExclude() {
      return action.equals("exclude");
    }

    boolean isInclude() {
      return action.equals("include");
    }
  }

  private final SimulatedCluster sim;
  private final KubernetesClient observer;
  private final String namespace;
  private final String cluster;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  ProxyRotationMonitor(SimulatedCluster sim, KubernetesClient observer, String namespace, String cluster) {
    this.sim = sim;
    this.observer = observer;
    this.namespace = namespace;
    this.cluster = cluster;
    sim.onProxyCall(this::record);
  }

  private void record(ProxyCall call) {
    if (closed) {
      return;
    }
    Optional<Pod> member = observer.pods().inNamespace(namespace).list().getItems().stream()
        .filter(p -> p.getStatus() != null && call.backendIp().equals(p.getStatus().getPodIP()))
        .findFirst();
    String name = member.map(p -> p.getMetadata().getName()).orElse("?");
    Matcher ordinal = Pattern.compile(Pattern.quote(cluster) + "-(\\d+)").matcher(name);
    long nodeId = ordinal.matches() ? Long.parseLong(ordinal.group(1)) + 1 : -1;
    boolean voter = sim.database(namespace, cluster).flatMap(db -> db.raft())
        .map(raft -> raft.voters().contains(nodeId)).orElse(false);
    calls.add(new Call(call.proxyPod(), call.action(), call.status(), name,
        member.map(p -> p.getMetadata().getUid()).orElse("?"), sim.memberReady(namespace, name), voter));
  }

  /** Every call so far, in the order the proxies answered them. */
  List<Call> calls() {
    return new ArrayList<>(calls);
  }

  /**
   * The calls as "action member", with repeats in a row (the same call to each proxy pod) folded:
   * a rotation that takes one member out at a time reads "exclude a, include a, exclude b, …".
   */
  List<String> rotation() {
    List<String> folded = new ArrayList<>();
    for (Call call : calls) {
      String step = call.action() + " " + call.member();
      if (folded.isEmpty() || !folded.get(folded.size() - 1).equals(step)) {
        folded.add(step);
      }
    }
    return folded;
  }

  @Override
  public void close() {
    closed = true;
  }
}
