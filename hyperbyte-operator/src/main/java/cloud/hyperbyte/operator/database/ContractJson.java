package cloud.hyperbyte.operator.database;

import cloud.hyperbyte.reconcile.port.AddNodeResult;
import cloud.hyperbyte.reconcile.port.ClusterMetrics;
import cloud.hyperbyte.reconcile.port.LeaderInfo;
import cloud.hyperbyte.reconcile.port.NodeHealth;
import cloud.hyperbyte.reconcile.port.NodeState;
import cloud.hyperbyte.reconcile.port.PeerView;
import cloud.hyperbyte.reconcile.port.RaftMetrics;
import cloud.hyperbyte.reconcile.port.RaftRole;
import cloud.hyperbyte.reconcile.port.RemoveNodeResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the server's JSON answers (database contract §2.3–§4) into the port's value types. Every
 * method throws {@link IllegalArgumentException} when a required field is missing or has the wrong
 * type; the adapter reports that as a bad response.
 */
final class ContractJson {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private ContractJson() {}

  /** The first statement's {@code error} in a {@code /query} answer ({@code results[0].error}), if any. */
  static java.util.Optional<String> statementError(String body) {
    JsonNode error = parse(body).path("results").path(0).path("error");
    return error.isMissingNode() || error.isNull() ? java.util.Optional.empty() : java.util.Optional.of(error.asString());
  }

  static JsonNode parse(String body) {
    JsonNode node = MAPPER.readTree(body);
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    return node;
  }

  static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  static NodeHealth health(int status, String body) {
    JsonNode json = parse(body);
    return new NodeHealth(status, text(json, "status"), json.path("message").asString(""));
  }

  static ClusterMetrics clusterMetrics(String body) {
    JsonNode json = parse(body);
    List<PeerView> peers = new ArrayList<>();
    for (JsonNode peer : json.path("peers")) {
      peers.add(new PeerView(number(peer, "node_id"), text(peer, "addr"), state(peer)));
    }
    return new ClusterMetrics(
        text(json, "mode"), number(json, "node_id"), text(json, "node_addr"), state(json),
        json.path("membership_version").asLong(0), peers, json.path("peer_count").asInt(peers.size()));
  }

  /**
   * openraft's RaftMetrics: voters are the union of {@code membership_config.membership.configs}
   * (more than one config during a joint change), learners the {@code nodes} that are no voter.
   */
  static RaftMetrics raftMetrics(String body) {
    JsonNode json = parse(body);
    RaftRole role = RaftRole.fromWire(text(json, "state"))
        .orElseThrow(() -> new IllegalArgumentException("unknown raft state " + json.get("state")));
    JsonNode membership = json.path("membership_config").path("membership");
    Set<Long> voters = new LinkedHashSet<>();
    for (JsonNode config : membership.path("configs")) {
      for (JsonNode id : config) {
        voters.add(id.asLong());
      }
    }
    Set<Long> learners = new LinkedHashSet<>();
    for (String id : membership.path("nodes").propertyNames()) {
      long nodeId = Long.parseLong(id);
      if (!voters.contains(nodeId)) {
        learners.add(nodeId);
      }
    }
    return new RaftMetrics(
        number(json, "id"), role, json.path("current_term").asLong(0), optionalNumber(json, "current_leader"),
        json.path("last_log_index").asLong(0), lastApplied(json.path("last_applied")), voters, learners);
  }

  static LeaderInfo leader(String body) {
    JsonNode json = parse(body);
    JsonNode addr = json.path("leader_addr");
    return new LeaderInfo(
        optionalNumber(json, "leader_id"),
        addr.isString() ? Optional.of(addr.asString()) : Optional.empty(),
        number(json, "this_node_id"), json.path("is_leader").asBoolean(false), json.path("term").asLong(0));
  }

  static AddNodeResult addNode(String body) {
    JsonNode json = parse(body);
    return new AddNodeResult(
        number(json, "node_id"), text(json, "addr"), json.path("added_as_learner").asBoolean(false),
        json.path("promoted_to_voter").asBoolean(false), optionalNumber(json, "leader_id"));
  }

  static RemoveNodeResult removeNode(String body) {
    JsonNode json = parse(body);
    List<Long> remaining = new ArrayList<>();
    for (JsonNode id : json.path("remaining_voters")) {
      remaining.add(id.asLong());
    }
    return new RemoveNodeResult(
        number(json, "node_id"), json.path("removed_from_voters").asBoolean(false),
        optionalNumber(json, "leader_id"), remaining);
  }

  static long walSequence(String body) {
    return number(parse(body), "wal_last_seq");
  }

  /** {@code leader_id} of a 503 "not raft leader" body, if the body names one. */
  static OptionalLong leaderIdOf(String body) {
    try {
      return optionalNumber(parse(body), "leader_id");
    } catch (RuntimeException notJson) {
      return OptionalLong.empty();
    }
  }

  private static long lastApplied(JsonNode node) {
    if (node.isNumber()) {
      return node.asLong();
    }
    return node.path("index").asLong(0);
  }

  private static NodeState state(JsonNode json) {
    String value = text(json, "state");
    return NodeState.fromWire(value).orElseThrow(() -> new IllegalArgumentException("unknown node state " + value));
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || !value.isString()) {
      throw new IllegalArgumentException("missing string field " + field);
    }
    return value.asString();
  }

  private static long number(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || !value.isIntegralNumber()) {
      throw new IllegalArgumentException("missing integer field " + field);
    }
    return value.asLong();
  }

  private static OptionalLong optionalNumber(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value != null && value.isIntegralNumber() ? OptionalLong.of(value.asLong()) : OptionalLong.empty();
  }
}
