package cloud.hyperbyte.testkit.db;

import static cloud.hyperbyte.testkit.db.NodeJson.object;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The routes of a member (contract §3) with their auth layer: open probes and metrics, user-level
 * {@code /write} and {@code /query}, admin-level {@code /cluster/*} and {@code /internal/*} (mounted in cluster mode only).
 * Every handler runs under the simulation's lock.
 */
final class NodeRoutes {

  private final SimulatedNode node;
  private final Simulation simulation;
  private final Map<String, Route> routes;

  NodeRoutes(SimulatedNode node, Simulation simulation) {
    this.node = node;
    this.simulation = simulation;
    this.routes = Map.ofEntries(
        route("/ping", Set.of("GET", "HEAD"), Access.OPEN, false, r -> HttpReply.empty(204)),
        route("/health", Set.of("GET", "HEAD"), Access.OPEN, false, r -> health()),
        route("/health/ready", Set.of("GET", "HEAD"), Access.OPEN, false, r -> healthReady()),
        route("/metrics", Set.of("GET"), Access.OPEN, false, r -> metrics()),
        route("/write", Set.of("POST"), Access.USER, false, this::write),
        route("/query", Set.of("GET", "POST"), Access.USER, false, r -> new QueryStatements(node, simulation).run(r)),
        route("/cluster/metrics", Set.of("GET"), Access.ADMIN, true,
            r -> ok(NodeJson.clusterMetrics(node))),
        route("/cluster/nodes", Set.of("GET"), Access.ADMIN, true,
            r -> ok(NodeJson.nodes(node, simulation.time().now()))),
        route("/cluster/leader", Set.of("GET"), Access.ADMIN, true, r -> ok(NodeJson.leader(node))),
        route("/cluster/raft/metrics", Set.of("GET"), Access.ADMIN, true,
            r -> ok(NodeJson.raftMetrics(node, simulation))),
        route("/cluster/membership/add-node", Set.of("POST"), Access.ADMIN, true, this::addNode),
        route("/cluster/membership/remove-node", Set.of("POST"), Access.ADMIN, true, this::removeNode),
        route("/internal/membership", Set.of("GET"), Access.ADMIN, true,
            r -> ok(NodeJson.rawMembership(node, simulation.time().now()))),
        route("/internal/membership/join", Set.of("POST"), Access.ADMIN, true, this::join),
        route("/internal/membership/leave", Set.of("POST"), Access.ADMIN, true, this::leave),
        route("/internal/sync/manifest", Set.of("GET"), Access.ADMIN, true, r -> ok(NodeJson.manifest(node))),
        route("/internal/sync/trigger", Set.of("POST"), Access.ADMIN, true, r -> syncTrigger()),
        route("/internal/drain", Set.of("POST"), Access.ADMIN, true, r -> drain()));
  }

  HttpReply handle(NodeRequest request) {
    return simulation.mutate(() -> dispatch(request));
  }

  private HttpReply dispatch(NodeRequest request) {
    Route route = routes.get(request.path());
    if (route == null || (route.clusterOnly && !node.clusterEnabled())) {
      return HttpReply.empty(404);
    }
    if (!route.methods.contains(request.method())) {
      return HttpReply.empty(405);
    }
    Optional<HttpReply> denied = authorize(route.access, request.authorization());
    if (denied.isPresent()) {
      return denied.get();
    }
    try {
      return route.handler.apply(request);
    } catch (BadRequest bad) {
      return HttpReply.text(bad.status, bad.getMessage(), "text/plain; charset=utf-8");
    }
  }

  private Optional<HttpReply> authorize(Access access, String authorization) {
    if (!node.authEnabledUnlocked() || access == Access.OPEN) {
      return Optional.empty();
    }
    Optional<UserStore.User> user = node.disk().users.authenticate(authorization);
    if (user.isEmpty()) {
      return Optional.of(error(401, "authorization failed"));
    }
    if (access == Access.ADMIN && !user.get().admin()) {
      return Optional.of(error(403, "admin privileges required for internal routes"));
    }
    return Optional.empty();
  }

  private HttpReply health() {
    SimulatedNode.HealthReport report = node.health();
    return HttpReply.json(report.code(), NodeJson.write(object("status", report.status(), "message", report.message())));
  }

  private HttpReply healthReady() {
    return node.faults().healthFault()
        .map(fault -> HttpReply.json(503, NodeJson.write(object("status", "fail", "message", fault.message()))))
        .orElseGet(() -> HttpReply.json(200,
            NodeJson.write(object("status", "pass", "message", "chDB engine responsive"))));
  }

  private HttpReply metrics() {
    long uptime = java.time.Duration.between(node.startedAt(), simulation.time().now()).toSeconds();
    String nodeLabel = node.clusterEnabled() ? Long.toString(node.nodeId()) : "standalone";
    StringBuilder text = new StringBuilder()
        .append(gauge("hyperbytedb_info{version=\"0.8.5\",node_id=\"" + nodeLabel + "\"}", 1))
        .append(gauge("hyperbytedb_uptime_seconds", uptime))
        .append(counter("hyperbytedb_write_requests_total", node.writes()));
    if (node.clusterEnabled()) {
      int peers = node.membership().peers().size();
      text.append(gauge("hyperbytedb_cluster_node_state", node.state().metricCode()))
          .append(gauge("hyperbytedb_cluster_peers", peers))
          .append(gauge("hyperbytedb_cluster_nodes_total", peers + 1))
          .append(gauge("hyperbytedb_cluster_membership_version", node.membership().version()))
          .append(gauge("hyperbytedb_raft_election_term", node.raftView().term()))
          .append(counter("hyperbytedb_drain_total", node.drains()));
    }
    return HttpReply.text(200, text.toString(), "text/plain; version=0.0.4");
  }

  private static String gauge(String series, long value) {
    String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
    return "# TYPE " + name + " gauge\n" + series + " " + value + "\n";
  }

  private static String counter(String name, long value) {
    return "# TYPE " + name + " counter\n" + name + " " + value + "\n";
  }

  private HttpReply write(NodeRequest request) {
    List<String> points = new String(request.body(), StandardCharsets.UTF_8).lines()
        .map(String::strip).filter(line -> !line.isEmpty()).toList();
    SimulatedNode.WriteOutcome outcome = node.write(points);
    if (outcome.code() == 507) {
      return error(507, HealthFault.DISK_READ_ONLY.message());
    }
    HttpReply reply = HttpReply.empty(outcome.code());
    if (outcome.retryAfter()) {
      reply = reply.withHeader("Retry-After", "5");
    }
    if (outcome.redirect().isPresent()) {
      reply = reply.withHeader("X-Hyperbytedb-Redirect", outcome.redirect().get());
    }
    return reply;
  }

  private HttpReply addNode(NodeRequest request) {
    JsonNode body = jsonBody(request);
    long nodeId = requiredId(body, "node_id");
    String addr = requiredText(body, "addr");
    boolean promote = !body.has("promote") || body.get("promote").asBoolean(true);
    if (!node.isLeader()) {
      return notLeader();
    }
    SimulatedRaftGroup.MembershipChange change =
        node.raftGroup().addNode(node.nodeId(), nodeId, addr, promote);
    return ok(object("node_id", nodeId, "addr", addr, "added_as_learner", true,
        "promoted_to_voter", change.promoted(), "leader_id", currentLeader()));
  }

  private HttpReply removeNode(NodeRequest request) {
    long nodeId = requiredId(jsonBody(request), "node_id");
    if (!node.isLeader()) {
      return notLeader();
    }
    try {
      SimulatedRaftGroup.MembershipChange change = node.raftGroup().removeNode(node.nodeId(), nodeId);
      return ok(object("node_id", nodeId, "removed_from_voters", change.changed(),
          "leader_id", currentLeader(), "remaining_voters", change.remainingVoters()));
    } catch (SimulatedRaftGroup.LastVoterException last) {
      return error(400, "cannot remove last raft voter");
    } catch (SimulatedRaftGroup.NotCommittedException failed) {
      return HttpReply.json(500, NodeJson.write(
          object("error", "change_membership failed: " + failed.getMessage(), "leader_id", currentLeader())));
    }
  }

  private HttpReply join(NodeRequest request) {
    JsonNode body = jsonBody(request);
    String addr = requiredText(body, "addr");
    if (!node.isLeader()) {
      return error(503, "not raft leader, retry on another node");
    }
    long nodeId = body.has("node_id") && !body.get("node_id").isNull()
        ? requiredId(body, "node_id")
        : node.raftView().membership().addresses().keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
    node.raftGroup().addLearner(node.nodeId(), nodeId, addr);
    return ok(object("assigned_node_id", nodeId,
        "membership", NodeJson.rawMembership(node, simulation.time().now())));
  }

  private HttpReply leave(NodeRequest request) {
    node.receiveLeave(requiredId(jsonBody(request), "node_id"));
    return ok(object("ok", true));
  }

  private HttpReply syncTrigger() {
    return node.triggerSync()
        ? HttpReply.json(202, NodeJson.write(object("status", "sync_started")))
        : ok(object("status", "already_syncing"));
  }

  private HttpReply drain() {
    node.drain();
    return HttpReply.json(202, NodeJson.write(object("ok", true, "message", "drain initiated")));
  }

  private HttpReply notLeader() {
    return HttpReply.json(503, NodeJson.write(object("error", "not raft leader", "leader_id", currentLeader())));
  }

  private Long currentLeader() {
    var leader = node.raftView().leaderId();
    return leader.isPresent() ? leader.getAsLong() : null;
  }

  private static HttpReply ok(Map<String, Object> body) {
    return HttpReply.json(200, NodeJson.write(body));
  }

  private static HttpReply error(int status, String message) {
    return HttpReply.json(status, NodeJson.write(object("error", message)));
  }

  // axum's Json extractor: malformed JSON is 400, a missing or mistyped field 422, both plain text
  private static JsonNode jsonBody(NodeRequest request) {
    try {
      JsonNode body = NodeJson.read(request.body());
      if (body == null || !body.isObject()) {
        throw new BadRequest(422, "Failed to deserialize the JSON body into the target type: expected an object");
      }
      return body;
    } catch (JacksonException malformed) {
      throw new BadRequest(400, "Failed to parse the request body as JSON");
    }
  }

  private static long requiredId(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isIntegralNumber() || value.asLong() < 0) {
      throw new BadRequest(422, "Failed to deserialize the JSON body into the target type: " + field);
    }
    return value.asLong();
  }

  private static String requiredText(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isString()) {
      throw new BadRequest(422, "Failed to deserialize the JSON body into the target type: " + field);
    }
    return value.asString();
  }

  private static Map.Entry<String, Route> route(
      String path, Set<String> methods, Access access, boolean clusterOnly, Function<NodeRequest, HttpReply> handler) {
    return Map.entry(path, new Route(methods, access, clusterOnly, handler));
  }

  private enum Access { OPEN, USER, ADMIN }

  private record Route(Set<String> methods, Access access, boolean clusterOnly, Function<NodeRequest, HttpReply> handler) {}

  private static final class BadRequest extends RuntimeException {
    private final int status;

    BadRequest(int status, String message) {
      super(message);
      this.status = status;
    }
  }
}
