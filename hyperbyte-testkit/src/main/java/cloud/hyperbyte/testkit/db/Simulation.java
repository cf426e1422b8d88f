package cloud.hyperbyte.testkit.db;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The shared context of one simulated database: one lock for all state, the clock, the members, the
 * Raft groups they formed, and readiness notifications. Every state change runs through
 * {@link #mutate}, which notifies health listeners after releasing the lock.
 */
final class Simulation {

  private final Object lock = new Object();
  private final SimulatedTime time;
  private final DatabaseOptions options;
  private final TreeMap<Long, SimulatedNode> nodes = new TreeMap<>();
  private final List<SimulatedRaftGroup> groups = new ArrayList<>();
  private final List<Consumer<String>> healthListeners = new CopyOnWriteArrayList<>();
  private final Map<String, Boolean> notifiedReady = new HashMap<>();
  private final ExecutorService httpExecutor =
      Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "simulated-db-http");
        thread.setDaemon(true);
        return thread;
      });
  private volatile boolean closed;
  private SimulatedTime.Scheduled heartbeat;

  Simulation(DatabaseOptions options, SimulatedTime time) {
    this.options = Objects.requireNonNull(options, "options");
    this.time = Objects.requireNonNull(time, "time");
    scheduleHeartbeat();
  }

  DatabaseOptions options() {
    return options;
  }

  SimulatedTime time() {
    return time;
  }

  Object lock() {
    return lock;
  }

  ExecutorService httpExecutor() {
    return httpExecutor;
  }

  /** Runs a state change under the lock, then tells listeners whose readiness changed. */
  <T> T mutate(Supplier<T> change) {
    T result;
    synchronized (lock) {
      result = change.get();
    }
    fireHealthChanges();
    return result;
  }

  void mutate(Runnable change) {
    mutate(() -> {
      change.run();
      return null;
    });
  }

  /** The member with {@code ordinal}, created on first use. */
  SimulatedNode member(int ordinal) {
    synchronized (lock) {
      return nodes.computeIfAbsent((long) ordinal + 1, id -> {
        SimulatedNode node = new SimulatedNode(this, ordinal);
        notifiedReady.put(node.podName(), false);
        return node;
      });
    }
  }

  SimulatedNode nodeById(long nodeId) {
    synchronized (lock) {
      return nodes.get(nodeId);
    }
  }

  Collection<SimulatedNode> nodes() {
    synchronized (lock) {
      return List.copyOf(nodes.values());
    }
  }

  SimulatedRaftGroup newGroup() {
    SimulatedRaftGroup group = new SimulatedRaftGroup(this);
    groups.add(group);
    return group;
  }

  List<SimulatedRaftGroup> groups() {
    return List.copyOf(groups);
  }

  /** Whether calls to {@code nodeId} reach it: its listener is up and it is not partitioned. */
  boolean reachable(long nodeId) {
    SimulatedNode node = nodes.get(nodeId);
    return node != null && node.reachable();
  }

  /**
   * Whether a peer's {@code /internal/*} call to {@code nodeId} succeeds: peers send no credentials,
   * so with auth on they get 401 (contract §0.8).
   */
  boolean peerRpcAccepted(long nodeId) {
    return reachable(nodeId) && !nodes.get(nodeId).authEnabledUnlocked();
  }

  /** A member started, stopped or was (un)partitioned: Raft groups re-evaluate leadership. */
  void livenessChanged() {
    for (SimulatedRaftGroup group : groups) {
      group.reelect();
    }
  }

  void onHealthChange(Consumer<String> listener) {
    healthListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  private void fireHealthChanges() {
    List<String> changed = new ArrayList<>();
    synchronized (lock) {
      for (SimulatedNode node : nodes.values()) {
        boolean ready = node.ready();
        Boolean before = notifiedReady.put(node.podName(), ready);
        if (before == null || before != ready) {
          changed.add(node.podName());
        }
      }
    }
    for (String pod : changed) {
      for (Consumer<String> listener : healthListeners) {
        listener.accept(pod);
      }
    }
  }

  private void scheduleHeartbeat() {
    if (closed) {
      return;
    }
    heartbeat = time.schedule(options.heartbeatInterval(), () -> {
      mutate(() -> nodes.values().forEach(SimulatedNode::probePeers));
      scheduleHeartbeat();
    });
  }

  void close() {
    closed = true;
    if (heartbeat != null) {
      heartbeat.cancel();
    }
    for (SimulatedNode node : nodes()) {
      mutate(node::crash);
      node.releasePort();
    }
    httpExecutor.shutdownNow();
  }
}
