package cloud.hyperbyte.testkit.db;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One simulated HyperbyteDB 0.8.5 member: its process, its volume, its state machine (contract §4),
 * its data-plane view of peers and its Raft view, served over HTTP on 127.0.0.1 by a
 * {@link NodeListener}. Node id is ordinal + 1; node 1 bootstraps Raft on every start.
 *
 * <p>All state is guarded by the simulation's lock; the public getters take it.
 */
public final class SimulatedNode {

  /** How often a peer's hinted-handoff watcher looks at the membership (contract §2.3). */
  static final Duration HINTED_HANDOFF_WATCH = Duration.ofSeconds(5);

  private final Simulation simulation;
  private final int ordinal;
  private final long nodeId;
  private final String podName;
  private final String clusterAddress;
  private final NodeFaults faults;
  private final NodeListener listener;

  private NodeDisk disk = new NodeDisk();
  private SharedMembership membership = new SharedMembership();
  private NodeState state = NodeState.SYNCING;
  private boolean processRunning;
  // volatile: held requests poll it without the simulation's lock (see NodeListener)
  private volatile boolean listening;
  private int generation;
  private boolean needsSync;
  private boolean syncing;
  private Instant startedAt;
  private DrainOutcome lastDrain;
  private long drains;
  private long writes;
  /** {@code [auth] enabled} as this process read it at start. */
  private boolean authEnabled;

  SimulatedNode(Simulation simulation, int ordinal) {
    this.simulation = simulation;
    this.ordinal = ordinal;
    this.nodeId = ordinal + 1L;
    this.podName = simulation.options().podName(ordinal);
    this.clusterAddress = simulation.options().clusterAddress(ordinal);
    this.faults = new NodeFaults(simulation::mutate);
    this.listener = new NodeListener(this, new NodeRoutes(this, simulation), simulation.httpExecutor());
    this.startedAt = simulation.time().now();
  }

  // ---- identity and observation -------------------------------------------------------------

  public long nodeId() {
    return nodeId;
  }

  public int ordinal() {
    return ordinal;
  }

  /** Whether the running process checks credentials ({@code [auth] enabled} when it started). */
  public boolean authEnabled() {
    synchronized (simulation.lock()) {
      return authEnabled;
    }
  }

  /** {@link #isProcessRunning()} for callers that hold the simulation's lock. */
  boolean processRunningUnlocked() {
    return processRunning;
  }

  /** {@link #authEnabled()} for callers that hold the simulation's lock. */
  boolean authEnabledUnlocked() {
    return authEnabled;
  }

  /** The users in the member's {@code meta/} with whether each is an admin; none on a fresh volume. */
  public java.util.Map<String, Boolean> users() {
    synchronized (simulation.lock()) {
      java.util.Map<String, Boolean> admins = new java.util.TreeMap<>();
      disk.users.all().forEach((name, user) -> admins.put(name, user.admin()));
      return admins;
    }
  }

  public String podName() {
    return podName;
  }

  /** The {@code cluster_addr} this member is configured with and registers in Raft. */
  public String clusterAddress() {
    return clusterAddress;
  }

  /** {@code 127.0.0.1:<port>} where this member's listener binds; the port is kept across restarts. */
  public String address() {
    return listener.hostAndPort();
  }

  public NodeFaults faults() {
    return faults;
  }

  public NodeState state() {
    synchronized (simulation.lock()) {
      return state;
    }
  }

  /** The local WAL sequence ({@code wal_last_seq}). */
  public long walSequence() {
    return volume().walSequence();
  }

  /** The points on this member's volume (line protocol, in the order they were written). */
  public List<String> points() {
    return volume().points();
  }

  /**
   * The volume this member runs on now (or ran on last), for what touches it from outside the
   * server: {@code hyperbytedb backup|restore} and file commands run in a container that mounts it.
   */
  public MemberVolume volume() {
    synchronized (simulation.lock()) {
      return new MemberVolume(this, simulation, disk);
    }
  }

  /** The Raft state this member has applied. */
  public RaftView raftView() {
    synchronized (simulation.lock()) {
      return disk.raftView;
    }
  }

  public RaftRole raftRole() {
    return raftView().roleOf(nodeId);
  }

  /** Peers in this member's data-plane membership, by id. */
  public List<PeerRecord> peers() {
    synchronized (simulation.lock()) {
      return membership.peers();
    }
  }

  /** The last drain's outcome, empty when this member never drained. */
  public Optional<DrainOutcome> lastDrain() {
    synchronized (simulation.lock()) {
      return Optional.ofNullable(lastDrain);
    }
  }

  /** The simulation closed: this member's port may go to another member. */
  void releasePort() {
    listener.release();
  }

  /** HTTP requests this member received over all its starts (answered or dropped): for cost measures. */
  public long requestsReceived() {
    return listener.requestsReceived();
  }

  /** Whether the listener accepts connections (started and not stopped or crashed). */
  public boolean isListening() {
    synchronized (simulation.lock()) {
      return listening;
    }
  }

  /** Whether the process runs: from start until it crashes or its SIGTERM drain ends. */
  public boolean isProcessRunning() {
    synchronized (simulation.lock()) {
      return processRunning;
    }
  }

  /** What a kubelet readiness probe on {@code /health} sees: listening and answering 200. */
  public boolean isReady() {
    synchronized (simulation.lock()) {
      return ready();
    }
  }

  // ---- lifecycle (under the lock) -----------------------------------------------------------

  /**
   * Starts the process, killing a previous one still shutting down. It is Syncing until the
   * listener binds after the startup duration.
   */
  void start(boolean keepState, boolean authEnabled) {
    if (processRunning) {
      crash();
    }
    this.authEnabled = authEnabled;
    if (!keepState) {
      disk = new NodeDisk();
    }
    int started = ++generation;
    processRunning = true;
    listening = false;
    state = NodeState.SYNCING;
    membership = new SharedMembership();
    needsSync = false;
    syncing = false;
    startedAt = simulation.time().now();
    Duration startup = simulation.options().startupDuration();
    if (startup.isZero()) {
      completeStartup();
    } else {
      simulation.time().schedule(startup, () -> simulation.mutate(() -> {
        if (generation == started) {
          completeStartup();
        }
      }));
    }
  }

  private void completeStartup() {
    Instant now = simulation.time().now();
    // startup sync with no known peers: Active at once; an empty node other than 1 needs a sync
    state = NodeState.ACTIVE;
    needsSync = disk.walSequence == 0 && nodeId != 1;
    if (clusterEnabled()) {
      disk.raftView = disk.raftView.afterRestart();
      membership.applyRaftMembership(disk.raftView.membership(), nodeId, now);
      if (disk.raftView.membership().learners().contains(nodeId)) {
        state = NodeState.SYNCING; // hydration maps a learner to Syncing
      }
    }
    listener.bind();
    listening = true;
    if (clusterEnabled() && nodeId == 1 && disk.raftGroup == null) {
      disk.raftGroup = simulation.newGroup();
      disk.raftGroup.initialize(nodeId, clusterAddress);
    }
    simulation.livenessChanged();
  }

  /** SIGTERM: the listener closes, then (in cluster mode, unless Leaving) the full drain runs. */
  void stop() {
    if (!processRunning) {
      return;
    }
    closeListener();
    simulation.livenessChanged();
    if (clusterEnabled() && state != NodeState.LEAVING) {
      int stopping = generation;
      new DrainProcedure(this, simulation, generation, () -> {
        if (generation == stopping) {
          exit();
        }
      }).begin();
    } else {
      exit();
    }
  }

  /** SIGKILL: the listener closes and every background task of this process is dropped. */
  void crash() {
    closeListener();
    exit();
    simulation.livenessChanged();
  }

  private void exit() {
    processRunning = false;
    generation++;
    syncing = false;
  }

  private void closeListener() {
    if (listening) {
      listening = false;
      listener.unbind();
    }
    faults.releaseHeld();
  }

  void partition(PartitionMode mode) {
    faults.partition(mode);
    simulation.livenessChanged();
  }

  /** Whether the process runs on {@code volume} (callers hold the lock). */
  void freshDisk() {
    if (!processRunning) {
      disk = new NodeDisk();
    }
  }

  boolean isProcessRunningOn(NodeDisk volume) {
    return processRunning && disk == volume;
  }

  /** {@link #isListening} without the lock, for threads that must not wait for it. */
  boolean listeningNow() {
    return listening;
  }

  int generation() {
    return generation;
  }

  boolean clusterEnabled() {
    return simulation.options().clusterEnabled();
  }

  boolean reachable() {
    return listening && faults.partition().isEmpty();
  }

  boolean ready() {
    return listening && health().code() == 200;
  }

  Instant startedAt() {
    return startedAt;
  }

  // ---- Raft ---------------------------------------------------------------------------------

  SimulatedRaftGroup raftGroup() {
    return disk.raftGroup;
  }

  /** A view pushed by the group: a new membership entry re-syncs the data-plane membership. */
  void applyRaft(SimulatedRaftGroup group, RaftView view) {
    disk.raftGroup = group;
    boolean newMembership = view.membershipIndex() != disk.raftView.membershipIndex();
    RaftView previous = disk.raftView;
    disk.raftView = view;
    if (newMembership) {
      boolean wasVoter = previous.membership().voters().contains(nodeId);
      membership.applyRaftMembership(view.membership(), nodeId, simulation.time().now());
      if (view.membership().voters().contains(nodeId)
          && state != NodeState.DRAINING && state != NodeState.LEAVING) {
        state = NodeState.ACTIVE;
        if (!wasVoter && nodeId != 1) {
          scheduleSyncAfterJoin();
        }
      }
    }
  }

  /** Whether this member leads its group by its own view and in truth. */
  boolean isLeader() {
    return disk.raftGroup != null
        && disk.raftView.roleOf(nodeId) == RaftRole.LEADER
        && disk.raftGroup.view().leaderId().orElse(-1) == nodeId;
  }

  SharedMembership membership() {
    return membership;
  }

  NodeDisk disk() {
    return disk;
  }

  // ---- data plane ---------------------------------------------------------------------------

  /** {@code /health} for the current state (contract §4): state first, then WAL batcher, then disk. */
  HealthReport health() {
    if (clusterEnabled() && state != NodeState.ACTIVE) {
      return new HealthReport(503, "warn", "node is " + state.displayName() + ", not accepting traffic");
    }
    Optional<HealthFault> fault = faults.healthFault();
    if (fault.isPresent()) {
      return new HealthReport(503, "fail", fault.get().message());
    }
    return new HealthReport(200, "pass", "ready for queries and writes");
  }

  /** Probes every peer's {@code /ping}: one failed probe marks an Active peer Disconnected. */
  void probePeers() {
    if (!listening || !clusterEnabled()) {
      return;
    }
    Instant now = simulation.time().now();
    for (PeerRecord peer : membership.peers()) {
      boolean answered = faults.partition().isEmpty() && simulation.reachable(peer.nodeId());
      membership.recordProbe(peer.nodeId(), answered, now);
    }
  }

  /**
   * {@code POST /write}: accepted only when Active; fans out to Active and Disconnected peers. Each
   * non-blank line of the body is kept as one point on every member that takes the write.
   */
  WriteOutcome write(List<String> lines) {
    if (clusterEnabled() && state != NodeState.ACTIVE) {
      boolean draining = state == NodeState.DRAINING || state == NodeState.LEAVING;
      Optional<String> redirect = draining
          ? membership.activePeers().stream().map(PeerRecord::addr).findFirst()
          : Optional.empty();
      return new WriteOutcome(503, draining, redirect);
    }
    if (faults.healthFault().orElse(null) == HealthFault.DISK_READ_ONLY) {
      return new WriteOutcome(507, false, Optional.empty());
    }
    if (faults.healthFault().orElse(null) == HealthFault.WAL_BATCHER_DEAD) {
      return new WriteOutcome(503, false, Optional.empty());
    }
    disk.append(lines);
    writes++;
    List<SimulatedNode> holders = new ArrayList<>(List.of(this));
    for (PeerRecord peer : membership.replicationTargets()) {
      SimulatedNode target = simulation.nodeById(peer.nodeId());
      if (canCall(peer.nodeId()) && target.acceptsReplication()) {
        target.disk.append(lines);
        holders.add(target);
      }
    }
    if (simulation.options().replicationMode() == ReplicationMode.SYNC_QUORUM) {
      recordAcks(holders);
    }
    return new WriteOutcome(204, false, Optional.empty());
  }

  /**
   * In sync_quorum mode every member holding a write counts the others holding it as acked up to
   * its own sequence. WAL sequences are per-member counters, so this approximates the server's
   * per-peer ack bookkeeping closely enough for the drain's "every Active peer caught up" check.
   */
  private static void recordAcks(List<SimulatedNode> holders) {
    for (SimulatedNode holder : holders) {
      for (SimulatedNode other : holders) {
        if (other != holder) {
          holder.disk.walAcks.put(other.nodeId, holder.disk.walSequence);
        }
      }
    }
  }

  private boolean acceptsReplication() {
    return state != NodeState.DRAINING && state != NodeState.LEAVING;
  }

  /** Whether this member's outbound {@code /internal/*} call to a peer goes through. */
  private boolean canCall(long peerId) {
    return processRunning && faults.partition().isEmpty() && simulation.peerRpcAccepted(peerId);
  }

  /** {@code POST /internal/drain}. */
  void drain() {
    new DrainProcedure(this, simulation, generation, () -> {}).begin();
  }

  void enterDraining() {
    state = NodeState.DRAINING;
    lastDrain = DrainOutcome.RUNNING;
    drains++;
  }

  void endDrain(DrainOutcome outcome) {
    lastDrain = outcome;
    if (outcome == DrainOutcome.LEFT) {
      state = NodeState.LEAVING;
    }
  }

  /** The drain's wait condition: every Active peer's recorded WAL ack ≥ the local sequence. */
  boolean activePeersCaughtUp() {
    return membership.activePeers().stream()
        .allMatch(peer -> disk.walAcks.getOrDefault(peer.nodeId(), 0L) >= disk.walSequence);
  }

  /** {@code POST /internal/membership/leave {self}} to each Active peer (5 s timeout each). */
  void notifyPeersLeaving() {
    for (PeerRecord peer : membership.activePeers()) {
      if (canCall(peer.nodeId())) {
        simulation.nodeById(peer.nodeId()).receiveLeave(nodeId);
      }
    }
  }

  /** {@code POST /internal/membership/leave {node_id}}: self → Draining; a peer is dropped. */
  void receiveLeave(long leavingId) {
    if (leavingId == nodeId) {
      state = NodeState.DRAINING;
      return;
    }
    membership.remove(leavingId);
    disk.walAcks.remove(leavingId);
  }

  /**
   * {@code POST /internal/sync/trigger}: false when a sync already runs. An empty member is Syncing
   * meanwhile; at the end the member catches up with its peers and is Active, even if it was
   * Draining.
   */
  boolean triggerSync() {
    if (syncing) {
      return false;
    }
    syncing = true;
    if (disk.walSequence == 0) {
      state = NodeState.SYNCING;
    }
    int running = generation;
    simulation.time().schedule(simulation.options().syncDuration(), () -> simulation.mutate(() -> {
      if (generation == running && syncing) {
        finishSync();
      }
    }));
    return true;
  }

  /**
   * The end of {@code join_and_sync} / {@code reconnect_sync}: from one reachable Active peer (the
   * lowest id) this member takes the metadata (not modelled) and the WAL entries that peer still
   * holds after this member's own sequence ({@code /internal/sync/wal?from_seq=}). Points that peer
   * flushed and truncated from its WAL never arrive (contract top finding 5). Entries at or below the
   * own sequence are not fetched, so a member restored from a backup keeps the backup's points and
   * only takes what the peer wrote after it; WAL sequences are per-member counters, so this is exact
   * when the peer's counter is the backup source's and approximate otherwise, as on the server.
   */
  private void finishSync() {
    syncing = false;
    needsSync = false;
    membership.activePeers().stream()
        .filter(peer -> canCall(peer.nodeId()))
        .findFirst()
        .map(peer -> simulation.nodeById(peer.nodeId()))
        .ifPresent(this::catchUpFrom);
    state = NodeState.ACTIVE;
  }

  private void catchUpFrom(SimulatedNode source) {
    for (WalEntry entry : source.disk.walAfter(disk.walSequence)) {
      disk.wal.addLast(entry);
      disk.points.addAll(entry.points());
    }
    disk.walSequence = Math.max(disk.walSequence, source.disk.walSequence);
  }

  /**
   * The flush service: WAL entries move into chDB, then the WAL keeps the newest {@code
   * walRetentionEntries} in cluster mode and nothing in standalone mode.
   */
  void flush() {
    disk.flush(clusterEnabled() ? simulation.options().walRetentionEntries() : 0);
  }

  /**
   * A member that just became a voter: peers' hinted-handoff watchers (every 5 s) see it Active and
   * trigger a sync on it when some Active peer's WAL is ahead of its own (contract §2.3 step 4).
   */
  private void scheduleSyncAfterJoin() {
    int joined = generation;
    simulation.time().schedule(HINTED_HANDOFF_WATCH, () -> simulation.mutate(() -> {
      boolean behind = membership.activePeers().stream()
          .anyMatch(peer -> simulation.nodeById(peer.nodeId()).disk.walSequence > disk.walSequence);
      if (generation == joined && listening && behind) {
        triggerSync();
      }
    }));
  }

  boolean needsSync() {
    return needsSync;
  }

  long drains() {
    return drains;
  }

  long writes() {
    return writes;
  }

  /** A {@code /health} answer. */
  record HealthReport(int code, String status, String message) {}

  /** A {@code /write} answer: status, whether Retry-After applies, the redirect peer if any. */
  record WriteOutcome(int code, boolean retryAfter, Optional<String> redirect) {}
}
