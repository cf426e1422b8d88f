package cloud.hyperbyte.testkit.db;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import tools.jackson.databind.json.JsonMapper;

/** The JSON bodies of a member's inspection routes, in the server's shapes (contract §2.6). */
final class NodeJson {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private NodeJson() {}

  static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  static tools.jackson.databind.JsonNode read(byte[] body) {
    return MAPPER.readTree(body);
  }

  /** {@code GET /cluster/metrics}. */
  static Map<String, Object> clusterMetrics(SimulatedNode node) {
    List<Map<String, Object>> peers = new ArrayList<>();
    for (PeerRecord peer : node.membership().peers()) {
      peers.add(object("node_id", peer.nodeId(), "addr", peer.addr(), "state", peer.state().wireName()));
    }
    Map<String, Object> metrics = object(
        "mode", "master-master",
        "node_id", node.nodeId(),
        "node_addr", node.clusterAddress(),
        "state", node.state().wireName(),
        "membership_version", node.membership().version());
    metrics.put("peers", peers);
    metrics.put("peer_count", peers.size());
    return metrics;
  }

  /** {@code GET /cluster/nodes}: self first, then peers. */
  static Map<String, Object> nodes(SimulatedNode node, Instant now) {
    List<Map<String, Object>> nodes = new ArrayList<>();
    Map<String, Object> self = object("node_id", node.nodeId(), "addr", node.clusterAddress(),
        "state", node.state().wireName(), "self", true);
    self.put("last_heartbeat", now.getEpochSecond());
    nodes.add(self);
    for (PeerRecord peer : node.membership().peers()) {
      Map<String, Object> entry = object("node_id", peer.nodeId(), "addr", peer.addr(),
          "state", peer.state().wireName(), "self", false);
      entry.put("last_heartbeat", peer.lastHeartbeat().getEpochSecond());
      nodes.add(entry);
    }
    return object("nodes", nodes);
  }

  /** {@code GET /internal/membership}: the raw membership with capitalised states. */
  static Map<String, Object> rawMembership(SimulatedNode node, Instant now) {
    Map<String, Object> nodes = new LinkedHashMap<>();
    Map<String, Object> self = object("node_id", node.nodeId(), "addr", node.clusterAddress(),
        "state", node.state().displayName(), "joined_at", node.startedAt().getEpochSecond());
    self.put("last_heartbeat", now.getEpochSecond());
    self.put("needs_sync", node.needsSync());
    nodes.put(Long.toString(node.nodeId()), self);
    for (PeerRecord peer : node.membership().peers()) {
      Map<String, Object> entry = object("node_id", peer.nodeId(), "addr", peer.addr(),
          "state", peer.state().displayName(), "joined_at", peer.joinedAt().getEpochSecond());
      entry.put("last_heartbeat", peer.lastHeartbeat().getEpochSecond());
      entry.put("needs_sync", false);
      nodes.put(Long.toString(peer.nodeId()), entry);
    }
    return object("version", node.membership().version(), "nodes", nodes);
  }

  /** {@code GET /cluster/leader}. */
  static Map<String, Object> leader(SimulatedNode node) {
    RaftView view = node.raftView();
    OptionalLong leader = view.leaderId();
    return object(
        "leader_id", leader.isPresent() ? leader.getAsLong() : null,
        "leader_addr", leader.isPresent() ? view.membership().addresses().get(leader.getAsLong()) : null,
        "this_node_id", node.nodeId(),
        "is_leader", view.roleOf(node.nodeId()) == RaftRole.LEADER,
        "term", view.term());
  }

  /**
   * {@code GET /cluster/raft/metrics}: openraft's {@code RaftMetrics} serialisation. The membership
   * is {@code membership_config.membership} with {@code configs} (voter sets) and {@code nodes}
   * (every voter and learner with its {@code addr}); {@code replication} is set on the leader only.
   */
  static Map<String, Object> raftMetrics(SimulatedNode node, Simulation simulation) {
    RaftView view = node.raftView();
    boolean initialized = !view.membership().isEmpty();
    OptionalLong leader = view.leaderId();
    Map<String, Object> lastApplied = initialized ? logId(view, view.lastLogIndex()) : null;
    Map<String, Object> nodes = new LinkedHashMap<>();
    view.membership().addresses().forEach((id, addr) -> nodes.put(Long.toString(id), object("addr", addr)));
    List<List<Long>> configs = initialized ? List.of(List.copyOf(view.membership().voters())) : List.of();
    Map<String, Object> membership = object("configs", configs, "nodes", nodes);
    Map<String, Object> membershipConfig =
        object("log_id", initialized ? logId(view, view.membershipIndex()) : null, "membership", membership);

    Map<String, Object> metrics = object(
        "running_state", object("Ok", null),
        "id", node.nodeId(),
        "current_term", view.term(),
        "vote", object("leader_id", object("term", view.term(), "node_id", leader.isPresent() ? leader.getAsLong() : node.nodeId()),
            "committed", leader.isPresent()),
        "last_log_index", initialized ? view.lastLogIndex() : null);
    metrics.put("last_applied", lastApplied);
    metrics.put("snapshot", null);
    metrics.put("purged", null);
    metrics.put("state", view.roleOf(node.nodeId()).wireName());
    metrics.put("current_leader", leader.isPresent() ? leader.getAsLong() : null);
    metrics.put("millis_since_quorum_ack", view.roleOf(node.nodeId()) == RaftRole.LEADER ? 0 : null);
    metrics.put("membership_config", membershipConfig);
    metrics.put("replication", view.roleOf(node.nodeId()) == RaftRole.LEADER ? replication(node, view, simulation) : null);
    return metrics;
  }

  private static Map<String, Object> replication(SimulatedNode leader, RaftView view, Simulation simulation) {
    Map<String, Object> matched = new LinkedHashMap<>();
    for (long id : view.membership().addresses().keySet()) {
      if (id == leader.nodeId()) {
        continue;
      }
      SimulatedNode target = simulation.nodeById(id);
      boolean caughtUp = target != null && target.reachable()
          && target.raftView().lastLogIndex() == view.lastLogIndex();
      matched.put(Long.toString(id), caughtUp ? logId(view, view.lastLogIndex()) : null);
    }
    return matched;
  }

  private static Map<String, Object> logId(RaftView view, long index) {
    long leaderId = view.leaderId().orElse(0);
    return object("leader_id", object("term", view.term(), "node_id", leaderId), "index", index);
  }

  /** {@code GET /internal/sync/manifest}: no databases are simulated. */
  static Map<String, Object> manifest(SimulatedNode node) {
    return object("node_id", node.nodeId(), "wal_last_seq", node.disk().walSequence, "databases", List.of());
  }

  /** An insertion-ordered JSON object from alternating keys and values (values may be null). */
  static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      object.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return object;
  }
}
