package cloud.hyperbyte.reconcile.execute;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.reconcile.port.AddNodeResult;
import cloud.hyperbyte.reconcile.port.ClusterEvent;
import cloud.hyperbyte.reconcile.port.ClusterMetrics;
import cloud.hyperbyte.reconcile.port.ClusterRef;
import cloud.hyperbyte.reconcile.port.ClusterWrites;
import cloud.hyperbyte.reconcile.port.DatabaseCallException;
import cloud.hyperbyte.reconcile.port.DatabaseNodes;
import cloud.hyperbyte.reconcile.port.KubernetesWriteException;
import cloud.hyperbyte.reconcile.port.LeaderInfo;
import cloud.hyperbyte.reconcile.port.MemberAddress;
import cloud.hyperbyte.reconcile.port.NodeHealth;
import cloud.hyperbyte.reconcile.port.ProxyAdmin;
import cloud.hyperbyte.reconcile.port.ProxyCallException;
import cloud.hyperbyte.reconcile.port.ProxyEndpoint;
import cloud.hyperbyte.reconcile.port.RaftMetrics;
import cloud.hyperbyte.reconcile.port.RemoveNodeResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * All three ports in one fake that writes every call and every event, in order, to one journal, so a
 * test can state the sequence across ports ("drain db-2", "event Normal MemberDraining db-2"). A call
 * can be made to fail by its journal line; read-only calls are not expected and fail the test.
 */
final class RecordingPorts implements DatabaseNodes, ProxyAdmin, ClusterWrites {

  private final List<String> journal = new ArrayList<>();
  private final List<ClusterEvent> events = new ArrayList<>();
  private final Map<String, Exception> failures = new HashMap<>();
  private boolean promote = true;
  private boolean removedFromVoters = true;
  private Exclusion exclusion = Exclusion.EXCLUDED;
  private Inclusion inclusion = Inclusion.INCLUDED;

  /** The call whose journal line is {@code call} throws {@code failure} (a port's checked exception). */
  RecordingPorts failing(String call, Exception failure) {
    failures.put(call, failure);
    return this;
  }

  /** {@code add-node} answers 200 with {@code promoted_to_voter: false}. */
  RecordingPorts promotionFails() {
    promote = false;
    return this;
  }

  /** {@code remove-node} answers that the node was not a voter. */
  RecordingPorts notAVoter() {
    removedFromVoters = false;
    return this;
  }

  RecordingPorts excludeAnswers(Exclusion answer) {
    exclusion = answer;
    return this;
  }

  RecordingPorts includeAnswers(Inclusion answer) {
    inclusion = answer;
    return this;
  }

  List<String> journal() {
    return journal;
  }

  /** The journal without events: the calls that reached a port. */
  List<String> calls() {
    return journal.stream().filter(line -> !line.startsWith("event ")).toList();
  }

  List<ClusterEvent> events() {
    return events;
  }

  private void call(String line) throws DatabaseCallException, ProxyCallException, KubernetesWriteException {
    journal.add(line);
    Exception failure = failures.get(line);
    if (failure instanceof DatabaseCallException e) {
      throw e;
    }
    if (failure instanceof ProxyCallException e) {
      throw e;
    }
    if (failure instanceof KubernetesWriteException e) {
      throw e;
    }
  }

  private void databaseCall(String line) throws DatabaseCallException {
    try {
      call(line);
    } catch (ProxyCallException | KubernetesWriteException e) {
      throw new AssertionError("a database call was set up to fail with " + e);
    }
  }

  private void proxyCall(String line) throws ProxyCallException {
    try {
      call(line);
    } catch (DatabaseCallException | KubernetesWriteException e) {
      throw new AssertionError("a proxy call was set up to fail with " + e);
    }
  }

  private void kubernetesCall(String line) throws KubernetesWriteException {
    try {
      call(line);
    } catch (DatabaseCallException | ProxyCallException e) {
      throw new AssertionError("a Kubernetes write was set up to fail with " + e);
    }
  }

  @Override
  public AddNodeResult addNode(MemberAddress leader, long nodeId, String addr, boolean promote)
      throws DatabaseCallException {
    databaseCall("add-node " + nodeId + " " + addr + " promote=" + promote + " via " + leader.nodeId());
    return new AddNodeResult(nodeId, addr, true, this.promote, OptionalLong.of(leader.nodeId()));
  }

  @Override
  public RemoveNodeResult removeNode(MemberAddress leader, long nodeId) throws DatabaseCallException {
    databaseCall("remove-node " + nodeId + " via " + leader.nodeId());
    return new RemoveNodeResult(nodeId, removedFromVoters, OptionalLong.of(leader.nodeId()), List.of(leader.nodeId()));
  }

  /** Whether {@link #createAdminUser} finds the user already there. */
  boolean userExists;

  @Override
  public boolean createAdminUser(MemberAddress member, java.util.Optional<cloud.hyperbyte.reconcile.port.AdminCredentials>
      authenticateAs, cloud.hyperbyte.reconcile.port.AdminCredentials admin) throws DatabaseCallException {
    databaseCall("create user " + admin.username() + " on " + member.podName() + " as "
        + authenticateAs.map(a -> a.username()).orElse("-"));
    return !userExists;
  }

  @Override
  public void setPassword(MemberAddress member, java.util.Optional<cloud.hyperbyte.reconcile.port.AdminCredentials>
      authenticateAs, cloud.hyperbyte.reconcile.port.AdminCredentials admin) throws DatabaseCallException {
    databaseCall("set password " + admin.username() + " on " + member.podName() + " as "
        + authenticateAs.map(a -> a.username()).orElse("-"));
  }

  @Override
  public void drain(MemberAddress member) throws DatabaseCallException {
    databaseCall("drain " + member.podName());
  }

  @Override
  public Exclusion exclude(ProxyEndpoint proxy, String backendIp) throws ProxyCallException {
    proxyCall("exclude " + backendIp + " on " + proxy.podName());
    return exclusion;
  }

  @Override
  public Inclusion include(ProxyEndpoint proxy, String backendIp) throws ProxyCallException {
    proxyCall("include " + backendIp + " on " + proxy.podName());
    return inclusion;
  }

  @Override
  public void deletePod(ClusterRef cluster, String podName, String podUid) throws KubernetesWriteException {
    kubernetesCall("delete pod " + cluster.namespace() + "/" + podName + " uid " + podUid);
  }

  @Override
  public void deletePvc(ClusterRef cluster, String pvcName) throws KubernetesWriteException {
    kubernetesCall("delete pvc " + cluster.namespace() + "/" + pvcName);
  }

  @Override
  public void resizePvc(ClusterRef cluster, String pvcName, String size) throws KubernetesWriteException {
    kubernetesCall("resize pvc " + cluster.namespace() + "/" + pvcName + " to " + size);
  }

  @Override
  public void deleteStatefulSetOrphaningPods(ClusterRef cluster, String name, String uid)
      throws KubernetesWriteException {
    kubernetesCall("orphan statefulset " + cluster.namespace() + "/" + name + " uid " + uid);
  }

  @Override
  public void patchStatus(ClusterRef cluster, HyperbytedbClusterStatus status, String resourceVersion) {
    throw new AssertionError("the executor never writes status");
  }

  @Override
  public void recordEvent(ClusterRef cluster, ClusterEvent event) {
    events.add(event);
    journal.add("event " + event.type().wireValue() + " " + event.reason() + " " + event.podName().orElse("-"));
  }

  @Override
  public void ping(MemberAddress member) {
    throw new AssertionError("the executor does not observe");
  }

  @Override
  public NodeHealth health(MemberAddress member) {
    throw new AssertionError("the executor does not observe");
  }

  @Override
  public ClusterMetrics clusterMetrics(MemberAddress member) {
    throw new AssertionError("the executor does not observe");
  }

  @Override
  public RaftMetrics raftMetrics(MemberAddress member) {
    throw new AssertionError("the executor does not observe");
  }

  @Override
  public LeaderInfo leader(MemberAddress member) {
    throw new AssertionError("the executor does not observe");
  }

  @Override
  public long walSequence(MemberAddress member) {
    throw new AssertionError("the executor does not observe");
  }
}
