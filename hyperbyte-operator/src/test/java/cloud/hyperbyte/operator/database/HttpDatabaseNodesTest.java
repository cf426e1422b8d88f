package cloud.hyperbyte.operator.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.reconcile.port.AddNodeResult;
import cloud.hyperbyte.reconcile.port.CallFailure;
import cloud.hyperbyte.reconcile.port.ClusterMetrics;
import cloud.hyperbyte.reconcile.port.DatabaseCallException;
import cloud.hyperbyte.reconcile.port.DatabaseNodes;
import cloud.hyperbyte.reconcile.port.LeaderInfo;
import cloud.hyperbyte.reconcile.port.MemberAddress;
import cloud.hyperbyte.reconcile.port.NodeHealth;
import cloud.hyperbyte.reconcile.port.NodeState;
import cloud.hyperbyte.reconcile.port.RaftMetrics;
import cloud.hyperbyte.reconcile.port.RaftRole;
import cloud.hyperbyte.reconcile.port.RemoveNodeResult;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpDatabaseNodesTest {

  private final List<StubMember> stubs = new ArrayList<>();
  private final Map<Integer, Integer> portByOrdinal = new HashMap<>();
  private final OperatorMetrics metrics = OperatorMetrics.standalone();
  private final PodAddressResolver resolver =
      (member, scheme) -> URI.create(scheme + "://127.0.0.1:" + portByOrdinal.get(member.ordinal()));

  @AfterEach
  void stopStubs() {
    stubs.forEach(StubMember::close);
  }

  private StubMember stub(int ordinal) throws Exception {
    StubMember stub = new StubMember();
    stubs.add(stub);
    portByOrdinal.put(ordinal, stub.port());
    return stub;
  }

  private static MemberAddress member(int ordinal) {
    return new MemberAddress(ordinal, ordinal + 1, "db-" + ordinal, "db-" + ordinal + ".db-headless.prod.svc.cluster.local", 8086);
  }

  private DatabaseNodes nodes(Duration requestTimeout, Optional<DatabaseCredentials> credentials) {
    DatabaseClients clients = new DatabaseClients(resolver, Duration.ofSeconds(2), requestTimeout, metrics);
    return clients.forCluster(new DatabaseConnection(false, Optional.empty(), credentials));
  }

  private DatabaseNodes nodes() {
    return nodes(Duration.ofSeconds(30), Optional.empty());
  }

  /**
   * Issue 13, defect 3: no call of an instance that may have lost the Lease leaves it, reads
   * included (a pass cut by the fence ends there instead of probing on), and a refused call does not
   * even resolve its member's address.
   */
  @Test
  void aClosedFenceKeepsEveryCallFromTheMembersReadsIncluded() throws Exception {
    StubMember member = stub(0).answer("/health", 200, "{\"status\":\"pass\"}")
        .answer("/internal/drain", 202, "");
    cloud.hyperbyte.reconcile.port.Fence closed = action -> {
      throw new cloud.hyperbyte.reconcile.port.FencedException("refused " + action);
    };
    java.util.List<String> resolved = new java.util.ArrayList<>();
    PodAddressResolver recording = (address, scheme) -> {
      resolved.add(address.podName());
      return resolver.baseUri(address, scheme);
    };
    DatabaseNodes fenced = new DatabaseClients(recording, Duration.ofSeconds(2), Duration.ofSeconds(30), metrics, closed)
        .forCluster(new DatabaseConnection(false, Optional.empty(), Optional.empty()));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> fenced.drain(member(0)))
        .isInstanceOf(cloud.hyperbyte.reconcile.port.FencedException.class)
        .hasMessageContaining("POST /internal/drain on db-0");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> fenced.removeNode(member(0), 3))
        .isInstanceOf(cloud.hyperbyte.reconcile.port.FencedException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> fenced.health(member(0)))
        .isInstanceOf(cloud.hyperbyte.reconcile.port.FencedException.class)
        .hasMessageContaining("GET /health on db-0");

    assertThat(member.requests).isEmpty();
    assertThat(resolved).isEmpty();
  }

  @Test
  void healthTreats503AsAnAnswerThatNamesTheNodeState() throws Exception {
    stub(0).answer("/health", 200, "{\"status\":\"pass\",\"message\":\"ready for queries and writes\"}");
    stub(1).answer("/health", 503, "{\"status\":\"warn\",\"message\":\"node is Draining, not accepting traffic\"}");

    NodeHealth healthy = nodes().health(member(0));
    NodeHealth draining = nodes().health(member(1));

    assertThat(healthy.healthy()).isTrue();
    assertThat(draining.healthy()).isFalse();
    assertThat(draining.reportedState()).contains(NodeState.DRAINING);
  }

  @Test
  void clusterAndRaftMetricsAreReadFromTheContractShapes() throws Exception {
    stub(0)
        .answer("/cluster/metrics", 200, """
            {"mode":"master-master","node_id":1,"node_addr":"db-0.db-headless.prod.svc.cluster.local:8086",
             "state":"active","membership_version":7,
             "peers":[{"node_id":2,"addr":"db-1:8086","state":"active"},{"node_id":3,"addr":"db-2:8086","state":"disconnected"}],
             "peer_count":2}""")
        .answer("/cluster/raft/metrics", 200, """
            {"id":1,"state":"Leader","current_term":4,"current_leader":1,"last_log_index":42,
             "last_applied":{"leader_id":{"term":4,"node_id":1},"index":41},
             "membership_config":{"log_id":{"leader_id":{"term":4,"node_id":1},"index":40},
               "membership":{"configs":[[1,2,3],[1,2,3,4]],"nodes":{"1":{},"2":{},"3":{},"4":{},"5":{}}}},
             "replication":{}}""")
        .answer("/cluster/leader", 200, """
            {"leader_id":null,"leader_addr":null,"this_node_id":1,"is_leader":false,"term":4}""");

    ClusterMetrics cluster = nodes().clusterMetrics(member(0));
    RaftMetrics raft = nodes().raftMetrics(member(0));
    LeaderInfo leader = nodes().leader(member(0));

    assertThat(cluster.state()).isEqualTo(NodeState.ACTIVE);
    assertThat(cluster.peerIds()).containsExactlyInAnyOrder(2L, 3L);
    assertThat(cluster.peers().get(1).state()).isEqualTo(NodeState.DISCONNECTED);
    assertThat(raft.state()).isEqualTo(RaftRole.LEADER);
    assertThat(raft.voters()).as("union of a joint configuration").containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
    assertThat(raft.learners()).containsExactly(5L);
    assertThat(raft.lastApplied()).isEqualTo(41);
    assertThat(raft.currentLeader()).hasValue(1);
    assertThat(leader.leaderId()).isEmpty();
    assertThat(leader.leaderAddr()).isEmpty();
  }

  @Test
  void addNodeSendsTheContractBodyWithAdminBasicAuth() throws Exception {
    StubMember leader = stub(0).answer("/cluster/membership/add-node", 200, """
        {"node_id":4,"addr":"db-3.db-headless.prod.svc.cluster.local:8086","added_as_learner":true,
         "promoted_to_voter":true,"leader_id":1}""");

    AddNodeResult result = nodes(Duration.ofSeconds(30), Optional.of(new DatabaseCredentials("admin", "s3cret")))
        .addNode(member(0), 4, member(3).clusterAddress(), true);

    assertThat(result.promotedToVoter()).isTrue();
    assertThat(result.leaderId()).hasValue(1);
    StubMember.Request request = leader.requests.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.authorization()).isEqualTo("Basic YWRtaW46czNjcmV0");
    assertThat(request.body())
        .isEqualTo("{\"node_id\":4,\"addr\":\"db-3.db-headless.prod.svc.cluster.local:8086\",\"promote\":true}");
  }

  /** Issue 16, item 4: the first admin user is created through /query with the literals escaped. */
  @Test
  void createAdminUserSendsTheEscapedStatementAndReportsAUserThatExists() throws Exception {
    StubMember node = stub(0).answer("/query", 200, "{\"results\":[{\"statement_id\":0}]}");
    var admin = new cloud.hyperbyte.reconcile.port.AdminCredentials("ad\"min", "it's");

    boolean created = nodes().createAdminUser(member(0), Optional.empty(), admin);
    node.answer("/query", 200, "{\"results\":[{\"statement_id\":0,\"error\":\"user already exists\"}]}");
    boolean again = nodes().createAdminUser(member(0), Optional.empty(), admin);

    assertThat(created).isTrue();
    assertThat(again).isFalse();
    StubMember.Request request = node.requests.get(0);
    assertThat(request.authorization()).isNull();
    assertThat(java.net.URLDecoder.decode(request.body(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("q=CREATE USER \"ad\\\"min\" WITH PASSWORD 'it\\'s' WITH ALL PRIVILEGES");
  }

  /**
   * SET PASSWORD authenticates as the credentials applied before; when those are refused (an earlier
   * pass applied the new ones), it is sent as the new ones. A refusal never quotes the answer, which
   * may echo the statement and its password.
   */
  @Test
  void setPasswordFallsBackToTheNewCredentialsAndItsErrorsNeverQuoteTheAnswer() throws Exception {
    StubMember node = stub(0).answer("/query", 401, "{\"error\":\"authorization failed: n3w\"}");
    var old = new cloud.hyperbyte.reconcile.port.AdminCredentials("admin", "s3cret");
    var fresh = new cloud.hyperbyte.reconcile.port.AdminCredentials("admin", "n3w");

    DatabaseCallException refused = catchThrowableOfType(DatabaseCallException.class,
        () -> nodes().setPassword(member(0), Optional.of(old), fresh));

    assertThat(node.requests).extracting(StubMember.Request::authorization)
        .containsExactly("Basic YWRtaW46czNjcmV0", "Basic YWRtaW46bjN3");
    assertThat(refused.getMessage()).isEqualTo("node 1 answered HTTP 401: the admin credentials were refused");
    node.answer("/query", 400, "{\"error\":\"error parsing query: found n3w\"}");
    assertThat(catchThrowableOfType(DatabaseCallException.class,
        () -> nodes().setPassword(member(0), Optional.of(old), fresh)).getMessage()).doesNotContain("n3w");
  }

  @Test
  void aFollowerAnsweringAMembershipCallNamesTheLeader() throws Exception {
    stub(1).answer("/cluster/membership/remove-node", 503, "{\"error\":\"not raft leader\",\"leader_id\":3}");

    DatabaseCallException failure =
        catchThrowableOfType(DatabaseCallException.class, () -> nodes().removeNode(member(1), 2));

    assertThat(failure.kind()).isEqualTo(CallFailure.NOT_LEADER);
    assertThat(failure.leaderId()).isEqualTo(OptionalLong.of(3));
  }

  @Test
  void removingTheLastVoterIsAnHttpErrorWithTheServersMessage() throws Exception {
    stub(0).answer("/cluster/membership/remove-node", 400, "{\"error\":\"cannot remove last raft voter\"}");
    stub(1).answer("/cluster/membership/remove-node", 200,
        "{\"node_id\":3,\"removed_from_voters\":true,\"leader_id\":2,\"remaining_voters\":[1,2]}");

    DatabaseCallException failure =
        catchThrowableOfType(DatabaseCallException.class, () -> nodes().removeNode(member(0), 1));
    RemoveNodeResult removed = nodes().removeNode(member(1), 3);

    assertThat(failure.kind()).isEqualTo(CallFailure.HTTP_ERROR);
    assertThat(failure.httpStatus()).hasValue(400);
    assertThat(failure.body()).contains("cannot remove last raft voter");
    assertThat(removed.remainingVoters()).containsExactly(1L, 2L);
  }

  @Test
  void drainAcceptsTheAsynchronous202AndManifestGivesTheWalSequence() throws Exception {
    StubMember node = stub(2)
        .answer("/internal/drain", 202, "{\"ok\":true,\"message\":\"drain initiated\"}")
        .answer("/internal/sync/manifest", 200, "{\"node_id\":3,\"wal_last_seq\":123456,\"databases\":[]}");

    nodes().drain(member(2));

    assertThat(nodes().walSequence(member(2))).isEqualTo(123456);
    assertThat(node.requests).extracting(StubMember.Request::path).containsExactly("/internal/drain", "/internal/sync/manifest");
  }

  @Test
  void failuresAreClassifiedAsUnreachableTimeoutOrBadResponse() throws Exception {
    try (ServerSocket closed = new ServerSocket(0)) {
      portByOrdinal.put(0, closed.getLocalPort());
    }
    stub(1).stall();
    stub(2).answer("/cluster/leader", 200, "<html>proxy error</html>");

    DatabaseNodes nodes = nodes(Duration.ofMillis(300), Optional.empty());

    assertThat(catchThrowableOfType(DatabaseCallException.class, () -> nodes.ping(member(0))).kind())
        .isEqualTo(CallFailure.UNREACHABLE);
    assertThat(catchThrowableOfType(DatabaseCallException.class, () -> nodes.ping(member(1))).kind())
        .isEqualTo(CallFailure.TIMEOUT);
    assertThat(catchThrowableOfType(DatabaseCallException.class, () -> nodes.leader(member(2))).kind())
        .isEqualTo(CallFailure.BAD_RESPONSE);
    assertThat(metrics.registry().scrape().stream()
        .filter(s -> s.getMetadata().getPrometheusName().equals("hyperbyte_operator_database_calls"))
        .findFirst().orElseThrow().getDataPoints())
        .extracting(p -> p.getLabels().get("endpoint") + " " + p.getLabels().get("outcome"))
        .containsExactlyInAnyOrder("/ping unreachable", "/ping timeout", "/cluster/leader bad_response");
  }

  @Test
  void aStalledPodDoesNotHoldBackCallsToTheOthers() throws Exception {
    for (int ordinal : List.of(0, 2)) {
      stub(ordinal).answer("/health", 200, "{\"status\":\"pass\",\"message\":\"ok\"}");
    }
    StubMember stalled = stub(1).answer("/health", 200, "{\"status\":\"pass\",\"message\":\"ok\"}");
    CountDownLatch release = stalled.stall();
    DatabaseNodes nodes = nodes();
    ExecutorService callers = Executors.newFixedThreadPool(3);
    try {
      Map<Integer, Future<NodeHealth>> answers = new HashMap<>();
      for (int ordinal : List.of(1, 0, 2)) {
        answers.put(ordinal, callers.submit(() -> nodes.health(member(ordinal))));
      }

      // the other two answer while pod 1 still holds its request: the adapter does not serialise calls
      assertThat(answers.get(0).get().healthy()).isTrue();
      assertThat(answers.get(2).get().healthy()).isTrue();
      assertThat(answers.get(1)).isNotDone();

      release.countDown();
      assertThat(answers.get(1).get().healthy()).isTrue();
    } finally {
      callers.shutdownNow();
    }
  }
}
