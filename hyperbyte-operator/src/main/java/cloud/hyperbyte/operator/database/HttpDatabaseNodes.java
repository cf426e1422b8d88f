package cloud.hyperbyte.operator.database;

import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.reconcile.port.AddNodeResult;
import cloud.hyperbyte.reconcile.port.AdminCredentials;
import cloud.hyperbyte.reconcile.port.CallFailure;
import cloud.hyperbyte.reconcile.port.ClusterMetrics;
import cloud.hyperbyte.reconcile.port.DatabaseCallException;
import cloud.hyperbyte.reconcile.port.DatabaseNodes;
import cloud.hyperbyte.reconcile.port.Fence;
import cloud.hyperbyte.reconcile.port.LeaderInfo;
import cloud.hyperbyte.reconcile.port.MemberAddress;
import cloud.hyperbyte.reconcile.port.NodeHealth;
import cloud.hyperbyte.reconcile.port.RaftMetrics;
import cloud.hyperbyte.reconcile.port.RemoveNodeResult;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@link DatabaseNodes} over HTTP(S) with the JDK client. Every request carries its own timeout, so
 * a member that accepts the connection and never answers costs one timeout and nothing more; the
 * client is shared and asynchronous inside, so calls to different members made from different
 * threads proceed in parallel (the snapshot collector probes members that way). Admin Basic auth is sent on every
 * call when credentials are configured.
 */
public final class HttpDatabaseNodes implements DatabaseNodes {

  private final HttpClient client;
  private final String scheme;
  private final PodAddressResolver resolver;
  private final Optional<DatabaseCredentials> credentials;
  private final Duration requestTimeout;
  private final OperatorMetrics metrics;
  private final Fence fence;

  /** @param fence passed by every call, before its target is resolved */
  public HttpDatabaseNodes(
      HttpClient client, String scheme, PodAddressResolver resolver, Optional<DatabaseCredentials> credentials,
      Duration requestTimeout, OperatorMetrics metrics, Fence fence) {
    this.fence = fence;
    this.client = client;
    this.scheme = scheme;
    this.resolver = resolver;
    this.credentials = credentials;
    this.requestTimeout = requestTimeout;
    this.metrics = metrics;
  }

  @Override
  public void ping(MemberAddress member) throws DatabaseCallException {
    call(member, "GET", "/ping", null, Set.of(200, 204), response -> null);
  }

  @Override
  public NodeHealth health(MemberAddress member) throws DatabaseCallException {
    return call(member, "GET", "/health", null, Set.of(200, 503),
        response -> ContractJson.health(response.statusCode(), response.body()));
  }

  @Override
  public ClusterMetrics clusterMetrics(MemberAddress member) throws DatabaseCallException {
    return call(member, "GET", "/cluster/metrics", null, Set.of(200), response -> ContractJson.clusterMetrics(response.body()));
  }

  @Override
  public RaftMetrics raftMetrics(MemberAddress member) throws DatabaseCallException {
    return call(member, "GET", "/cluster/raft/metrics", null, Set.of(200),
        response -> ContractJson.raftMetrics(response.body()));
  }

  @Override
  public LeaderInfo leader(MemberAddress member) throws DatabaseCallException {
    return call(member, "GET", "/cluster/leader", null, Set.of(200), response -> ContractJson.leader(response.body()));
  }

  @Override
  public AddNodeResult addNode(MemberAddress leader, long nodeId, String addr, boolean promote)
      throws DatabaseCallException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("node_id", nodeId);
    body.put("addr", addr);
    body.put("promote", promote);
    return call(leader, "POST", "/cluster/membership/add-node", ContractJson.write(body), Set.of(200),
        response -> ContractJson.addNode(response.body()));
  }

  @Override
  public RemoveNodeResult removeNode(MemberAddress leader, long nodeId) throws DatabaseCallException {
    return call(leader, "POST", "/cluster/membership/remove-node", ContractJson.write(Map.of("node_id", nodeId)),
        Set.of(200), response -> ContractJson.removeNode(response.body()));
  }

  @Override
  public void drain(MemberAddress member) throws DatabaseCallException {
    call(member, "POST", "/internal/drain", "", Set.of(200, 202), response -> null);
  }

  @Override
  public long walSequence(MemberAddress member) throws DatabaseCallException {
    return call(member, "GET", "/internal/sync/manifest", null, Set.of(200),
        response -> ContractJson.walSequence(response.body()));
  }

  @Override
  public boolean createAdminUser(MemberAddress member, Optional<AdminCredentials> authenticateAs, AdminCredentials admin)
      throws DatabaseCallException {
    Optional<String> error = query(member, authenticateAs.map(DatabaseCredentials::of), InfluxStatements.createAdmin(admin));
    if (error.isPresent() && error.get().contains("already exists")) {
      return false;
    }
    throwIfFailed(member, error);
    return true;
  }

  @Override
  public void setPassword(MemberAddress member, Optional<AdminCredentials> authenticateAs, AdminCredentials admin)
      throws DatabaseCallException {
    String statement = InfluxStatements.setPassword(admin);
    Optional<String> error;
    try {
      error = query(member, authenticateAs.map(DatabaseCredentials::of), statement);
    } catch (DatabaseCallException e) {
      if (e.httpStatus().orElse(0) != 401 || authenticateAs.isEmpty()) {
        throw e;
      }
      // the old password no longer authenticates: an earlier pass already set this one
      error = query(member, Optional.of(DatabaseCredentials.of(admin)), statement);
    }
    throwIfFailed(member, error);
  }

  private static void throwIfFailed(MemberAddress member, Optional<String> statementError)
      throws DatabaseCallException {
    if (statementError.isPresent()) {
      throw DatabaseCallException.httpError(member, 200, "statement error: " + statementError.get());
    }
  }

  /**
   * Runs one statement through {@code POST /query} (form-encoded {@code q}) as {@code as}, or with the
   * connection's credentials; returns the statement's error, if any. The request carries a password,
   * so an HTTP error never quotes the response body, which may echo the statement.
   */
  private Optional<String> query(MemberAddress member, Optional<DatabaseCredentials> as, String statement)
      throws DatabaseCallException {
    String form = "q=" + URLEncoder.encode(statement, StandardCharsets.UTF_8);
    try {
      return send(member, "POST", "/query", form, "application/x-www-form-urlencoded", as.or(() -> credentials),
          Set.of(200), response -> ContractJson.statementError(response.body()));
    } catch (DatabaseCallException e) {
      if (e.kind() != CallFailure.HTTP_ERROR) {
        throw e;
      }
      int status = e.httpStatus().orElse(0);
      throw DatabaseCallException.httpError(member, status, status == 401 || status == 403
          ? "the admin credentials were refused" : "the answer is withheld: it may quote the statement");
    }
  }

  private <T> T call(
      MemberAddress member, String method, String path, String body, Set<Integer> accepted,
      Function<HttpResponse<String>, T> reader) throws DatabaseCallException {
    return send(member, method, path, body, "application/json", credentials, accepted, reader);
  }

  private <T> T send(MemberAddress member, String method, String path, String body, String contentType,
      Optional<DatabaseCredentials> as, Set<Integer> accepted, Function<HttpResponse<String>, T> reader)
      throws DatabaseCallException {
    // every call, reads too: a replica that may have lost the Lease neither changes nor probes members,
    // and a refused call does not even resolve its target
    fence.check(method + " " + path + " on " + member.podName());
    HttpRequest.Builder request = HttpRequest.newBuilder(resolver.baseUri(member, scheme).resolve(path))
        .timeout(requestTimeout)
        .header("Accept", "application/json");
    if (body == null) {
      request.GET();
    } else {
      request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    as.ifPresent(c -> request.header("Authorization", c.basicAuthorization()));
    try {
      HttpResponse<String> response;
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (HttpConnectTimeoutException e) {
        throw DatabaseCallException.unreachable(member, e);
      } catch (HttpTimeoutException e) {
        throw DatabaseCallException.timeout(member, e);
      } catch (IOException e) {
        throw DatabaseCallException.unreachable(member, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw DatabaseCallException.timeout(member, e);
      }
      int status = response.statusCode();
      if (!accepted.contains(status)) {
        if (status == 503 && path.startsWith("/cluster/membership/")) {
          throw DatabaseCallException.notLeader(member, ContractJson.leaderIdOf(response.body()), response.body());
        }
        throw DatabaseCallException.httpError(member, status, response.body());
      }
      T result;
      try {
        result = reader.apply(response);
      } catch (RuntimeException e) {
        throw DatabaseCallException.badResponse(member, response.body(), e);
      }
      metrics.databaseCall(path, "ok");
      return result;
    } catch (DatabaseCallException e) {
      metrics.databaseCall(path, e.kind().name().toLowerCase(Locale.ROOT));
      throw e;
    }
  }
}
