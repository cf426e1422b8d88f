package cloud.hyperbyte.reconcile.snapshot;

import cloud.hyperbyte.reconcile.port.AddNodeResult;
import cloud.hyperbyte.reconcile.port.ClusterMetrics;
import cloud.hyperbyte.reconcile.port.DatabaseCallException;
import cloud.hyperbyte.reconcile.port.DatabaseNodes;
import cloud.hyperbyte.reconcile.port.LeaderInfo;
import cloud.hyperbyte.reconcile.port.MemberAddress;
import cloud.hyperbyte.reconcile.port.NodeHealth;
import cloud.hyperbyte.reconcile.port.NodeState;
import cloud.hyperbyte.reconcile.port.PeerView;
import cloud.hyperbyte.reconcile.port.RaftMetrics;
import cloud.hyperbyte.reconcile.port.RaftRole;
import cloud.hyperbyte.reconcile.port.RemoveNodeResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** Read-only fake nodes with fixed answers; a node can be made unreachable or blocking. */
final class FakeDatabaseNodes implements DatabaseNodes {

  private final Map<Long, NodeState> states = new ConcurrentHashMap<>();
  private final Set<Long> unreachable = ConcurrentHashMap.newKeySet();
  private final Set<Long> standalone = ConcurrentHashMap.newKeySet();
  private final Map<Long, CountDownLatch> blocked = new ConcurrentHashMap<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final long leader;
  private final Set<Long> voters;

  FakeDatabaseNodes(long leader, Set<Long> voters) {
    this.leader = leader;
    this.voters = voters;
    voters.forEach(v -> states.put(v, NodeState.ACTIVE));
  }

  FakeDatabaseNodes unreachable(long nodeId) {
    unreachable.add(nodeId);
    return this;
  }

  /** {@code nodeId} runs without cluster mode: its {@code /cluster/*} routes answer 404. */
  FakeDatabaseNodes standalone(long nodeId) {
    standalone.add(nodeId);
    return this;
  }

  private void clusterRoute(MemberAddress member) throws DatabaseCallException {
    if (standalone.contains(member.nodeId())) {
      throw DatabaseCallException.httpError(member, 404, "");
    }
  }

  FakeDatabaseNodes state(long nodeId, NodeState state) {
    states.put(nodeId, state);
    return this;
  }

  /** Every call to {@code nodeId} waits until the returned latch is released. */
  CountDownLatch block(long nodeId) {
    CountDownLatch latch = new CountDownLatch(1);
    blocked.put(nodeId, latch);
    return latch;
  }

  List<String> calls() {
    return calls;
  }

  private void enter(MemberAddress member, String call) throws DatabaseCallException {
    CountDownLatch latch = blocked.get(member.nodeId());
    if (latch != null) {
      try {
        latch.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw DatabaseCallException.timeout(member, e);
      }
    }
    if (unreachable.contains(member.nodeId())) {
      throw DatabaseCallException.unreachable(member, null);
    }
    calls.add(call + " " + member.nodeId());
  }

  @Override
  public void ping(MemberAddress member) throws DatabaseCallException {
    enter(member, "ping");
  }

  @Override
  public NodeHealth health(MemberAddress member) throws DatabaseCallException {
    enter(member, "health");
    NodeState state = states.getOrDefault(member.nodeId(), NodeState.ACTIVE);
    return state == NodeState.ACTIVE ? NodeHealth.pass() : NodeHealth.notActive(state);
  }

  @Override
  public ClusterMetrics clusterMetrics(MemberAddress member) throws DatabaseCallException {
    enter(member, "clusterMetrics");
    clusterRoute(member);
    List<PeerView> peers = voters.stream()
        .filter(v -> v != member.nodeId())
        .sorted()
        .map(v -> new PeerView(v, "node-" + v, NodeState.ACTIVE))
        .toList();
    return new ClusterMetrics("master-master", member.nodeId(), member.clusterAddress(),
        states.getOrDefault(member.nodeId(), NodeState.ACTIVE), 1, peers, peers.size());
  }

  @Override
  public RaftMetrics raftMetrics(MemberAddress member) throws DatabaseCallException {
    enter(member, "raftMetrics");
    clusterRoute(member);
    RaftRole role = member.nodeId() == leader ? RaftRole.LEADER
        : voters.contains(member.nodeId()) ? RaftRole.FOLLOWER : RaftRole.LEARNER;
    return new RaftMetrics(member.nodeId(), role, 3, OptionalLong.of(leader), 10, 10, voters, Set.of());
  }

  @Override
  public LeaderInfo leader(MemberAddress member) throws DatabaseCallException {
    enter(member, "leader");
    return new LeaderInfo(OptionalLong.of(leader), Optional.empty(), member.nodeId(), member.nodeId() == leader, 3);
  }

  @Override
  public AddNodeResult addNode(MemberAddress leaderNode, long nodeId, String addr, boolean promote)
      throws DatabaseCallException {
    throw new UnsupportedOperationException("read-only fake");
  }

  @Override
  public RemoveNodeResult removeNode(MemberAddress leaderNode, long nodeId) throws DatabaseCallException {
    throw new UnsupportedOperationException("read-only fake");
  }

  @Override
  public void drain(MemberAddress member) throws DatabaseCallException {
    throw new UnsupportedOperationException("read-only fake");
  }

  @Override
  public long walSequence(MemberAddress member) throws DatabaseCallException {
    enter(member, "walSequence");
    return 1000 + member.nodeId();
  }

  @Override
  public boolean createAdminUser(MemberAddress member,
      java.util.Optional<cloud.hyperbyte.reconcile.port.AdminCredentials> authenticateAs,
      cloud.hyperbyte.reconcile.port.AdminCredentials admin) {
    throw new AssertionError("observing a cluster creates no user");
  }

  @Override
  public void setPassword(MemberAddress member,
      java.util.Optional<cloud.hyperbyte.reconcile.port.AdminCredentials> authenticateAs,
      cloud.hyperbyte.reconcile.port.AdminCredentials admin) {
    throw new AssertionError("observing a cluster sets no password");
  }
}
