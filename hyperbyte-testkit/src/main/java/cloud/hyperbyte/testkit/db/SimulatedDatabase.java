package cloud.hyperbyte.testkit.db;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Simulated HyperbyteDB 0.8.5 members of one cluster, each an HTTP server on 127.0.0.1 following
 * {@code database-contract.md}. The StatefulSet simulator starts and stops members by ordinal as it
 * creates and deletes pods and sets pod readiness from {@link #ready}; the operator's pod-address
 * resolver points at {@link #addressOf}.
 *
 * <p>Members do what the server does, and no more: node 1 bootstraps a single-voter Raft group and
 * every other member waits to be added through {@code add-node} on the leader.
 */
public final class SimulatedDatabase implements AutoCloseable {

  private final Simulation simulation;

  private SimulatedDatabase(Simulation simulation) {
    this.simulation = simulation;
  }

  /** A database with no member started yet. */
  public static SimulatedDatabase create(DatabaseOptions options, SimulatedTime time) {
    return new SimulatedDatabase(new Simulation(options, time));
  }

  public DatabaseOptions options() {
    return simulation.options();
  }

  public SimulatedTime time() {
    return simulation.time();
  }

  /** The member with {@code ordinal}, created (not started) on first use. */
  public SimulatedNode node(int ordinal) {
    if (ordinal < 0) {
      throw new IllegalArgumentException("ordinal must not be negative: " + ordinal);
    }
    return simulation.member(ordinal);
  }

  /** The member whose pod is {@code podName}, if it was ever used. */
  public Optional<SimulatedNode> node(String podName) {
    return simulation.nodes().stream().filter(n -> n.podName().equals(podName)).findFirst();
  }

  /** Every member ever used, by ordinal. */
  public List<SimulatedNode> nodes() {
    return List.copyOf(simulation.nodes());
  }

  /** {@code host:port} to reach the pod's member (whether or not it listens right now). */
  public String addressOf(String podName) {
    return node(podName).or(() -> ordinalOf(podName).map(this::node))
        .orElseThrow(() -> new NoSuchElementException("no member for pod " + podName))
        .address();
  }

  /** Whether the pod's member is listening and its {@code /health} answers 200. */
  public boolean ready(String podName) {
    return node(podName).map(SimulatedNode::isReady).orElse(false);
  }

  /** Calls {@code listener} with the pod name whenever a member's {@link #ready} value changes. */
  public void onHealthChange(Consumer<String> listener) {
    simulation.onHealthChange(listener);
  }

  /** Starts the member keeping its volume (a pod created again with its PVC). */
  public SimulatedNode start(int ordinal) {
    return start(ordinal, true);
  }

  /**
   * Starts the member; {@code keepState=false} gives it a fresh volume (PVC deleted or replaced). A
   * process still shutting down is killed first.
   */
  public SimulatedNode start(int ordinal, boolean keepState) {
    return start(ordinal, keepState, simulation.options().auth().enabled());
  }

  /** Starts the member as {@link #start(int, boolean)} does, with {@code [auth] enabled} as its config says. */
  public SimulatedNode start(int ordinal, boolean keepState, boolean authEnabled) {
    SimulatedNode node = node(ordinal);
    simulation.mutate(() -> node.start(keepState, authEnabled));
    return node;
  }

  /** SIGTERM: the listener closes at once; in cluster mode the full drain runs before the process exits. */
  public void stop(int ordinal) {
    SimulatedNode node = node(ordinal);
    simulation.mutate(node::stop);
  }

  /**
   * The member's flush service runs once: its WAL goes into chDB (points stay queryable) and the WAL
   * keeps only the newest {@link DatabaseOptions#walRetentionEntries} entries, so older points no
   * longer reach a member that joins later.
   */
  public void flush(int ordinal) {
    SimulatedNode node = node(ordinal);
    simulation.mutate(node::flush);
  }

  /**
   * The stopped member gets an empty disk, as a newly provisioned volume is, for what mounts it before
   * the member's first start on it (a seed restoring onto it); a running member keeps its disk.
   */
  public void freshVolume(int ordinal) {
    SimulatedNode node = node(ordinal);
    simulation.mutate(node::freshDisk);
  }

  /** SIGKILL: the listener closes and nothing else runs. */
  public void crash(int ordinal) {
    SimulatedNode node = node(ordinal);
    simulation.mutate(node::crash);
  }

  /** Cuts the member off from peers and callers until {@link #heal}. */
  public void partition(int ordinal, PartitionMode mode) {
    SimulatedNode node = node(ordinal);
    simulation.mutate(() -> node.partition(java.util.Objects.requireNonNull(mode, "mode")));
  }

  public void heal(int ordinal) {
    SimulatedNode node = node(ordinal);
    simulation.mutate(() -> node.partition(null));
  }

  /**
   * Starts members {@code 0..members-1} and adds each one after node 1 to the Raft group as a voter,
   * as the operator would: a formed cluster to start a test from.
   */
  public SimulatedDatabase bootstrap(int members) {
    for (int ordinal = 0; ordinal < members; ordinal++) {
      start(ordinal);
    }
    simulation.mutate(() -> {
      SimulatedNode first = node(0);
      for (int ordinal = 1; ordinal < members; ordinal++) {
        SimulatedNode member = node(ordinal);
        first.raftGroup().addNode(raftLeaderOf(first), member.nodeId(), member.clusterAddress(), true);
      }
    });
    return this;
  }

  /** The Raft group node 1 belongs to, the one every member normally shares. */
  public Optional<SimulatedRaftGroup> raft() {
    return Optional.ofNullable(node(0).raftGroup());
  }

  private static long raftLeaderOf(SimulatedNode member) {
    return member.raftGroup().view().leaderId()
        .orElseThrow(() -> new IllegalStateException("the Raft group has no leader"));
  }

  private Optional<Integer> ordinalOf(String podName) {
    String prefix = simulation.options().clusterName() + "-";
    if (!podName.startsWith(prefix)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(podName.substring(prefix.length())));
    } catch (NumberFormatException notAnOrdinal) {
      return Optional.empty();
    }
  }

  /** Crashes every member and stops the HTTP threads. */
  @Override
  public void close() {
    simulation.close();
  }
}
