package cloud.hyperbyte.testkit.db;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A member's HTTP listener on 127.0.0.1: applies latency and partition faults, adds the headers every
 * HyperbyteDB response carries, and hands requests to the routes. The port is reserved when the
 * member is created and reused on every bind, so a member keeps its address across restarts and a
 * stale address never reaches another member. Listeners share {@link SharedEventLoops}; requests are
 * answered on the database's executor, since latency and partition faults hold them.
 */
final class NodeListener {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  /**
   * Ports of every member of this JVM. Vert.x lets servers of one instance listen on the same port and
   * shares the requests between them round-robin, so a port reserved twice (the OS hands out a
   * released ephemeral port again) would not fail the second bind, as a JDK HttpServer's did, but
   * make two members answer on one address (seen: two members of one cluster, each Raft leader).
   */
  private static final Set<Integer> CLAIMED = ConcurrentHashMap.newKeySet();

  private final SimulatedNode node;
  private final NodeRoutes routes;
  private final Executor executor;
  private final AtomicLong served = new AtomicLong();
  private volatile int port;
  private HttpServer server;

  NodeListener(SimulatedNode node, NodeRoutes routes, Executor executor) {
    this.node = node;
    this.routes = routes;
    this.executor = executor;
    this.port = reservePort();
  }

  String hostAndPort() {
    return LOOPBACK.getHostAddress() + ":" + port;
  }

  /** HTTP requests this member received (any route, answered or dropped), over all its restarts. */
  long requestsReceived() {
    return served.get();
  }

  void bind() {
    Vertx vertx = SharedEventLoops.acquire();
    try {
      server = listen(vertx, port);
    } catch (IOException taken) {
      // another process took the port while this member was down: move rather than fail the start
      int previous = port;
      port = reservePort();
      CLAIMED.remove(previous);
      try {
        server = listen(vertx, port);
      } catch (IOException e) {
        SharedEventLoops.release();
        throw new UncheckedIOException(e);
      }
    }
  }

  void unbind() {
    if (server != null) {
      HttpServer stopping = server;
      server = null;
      await(stopping.close().toCompletionStage().toCompletableFuture());
      SharedEventLoops.release();
    }
  }

  private HttpServer listen(Vertx vertx, int onPort) throws IOException {
    HttpServer created = vertx.createHttpServer(new HttpServerOptions()
        .setHost(LOOPBACK.getHostAddress()).setPort(onPort).setReuseAddress(true));
    created.requestHandler(this::handle);
    try {
      created.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return created;
    } catch (ExecutionException e) {
      throw new IOException("cannot listen on " + onPort, e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("listening on " + onPort + " did not start", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void await(java.util.concurrent.CompletableFuture<?> future) {
    try {
      future.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // closed or closing: the port is released either way
    }
  }

  private void handle(HttpServerRequest exchange) {
    served.incrementAndGet();
    exchange.body().onComplete(body -> {
      if (body.failed()) {
        return; // the caller hung up mid-request
      }
      executor.execute(() -> answer(exchange, body.result()));
    });
  }

  private void answer(HttpServerRequest exchange, Buffer body) {
    try {
      if (!passFaults()) {
        exchange.connection().close(); // dropped without an answer
        return;
      }
      NodeRequest request = new NodeRequest(
          exchange.method().name().toUpperCase(Locale.ROOT),
          exchange.path(),
          exchange.getHeader("Authorization"),
          body == null ? new byte[0] : body.getBytes(),
          exchange.query());
      HttpReply reply;
      try {
        reply = routes.handle(request);
      } catch (RuntimeException e) {
        reply = HttpReply.json(500, "{\"error\":\"simulator failure: " + e.getClass().getSimpleName() + "\"}");
      }
      send(exchange.response(), request, reply);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.connection().close();
    } catch (RuntimeException clientGone) {
      // the caller hung up or the member stopped mid-answer: nothing left to tell anyone
    }
  }

  /** Applies this member's latency and partition; false when the request must be dropped. */
  private boolean passFaults() throws InterruptedException {
    NodeFaults faults = node.faults();
    long delayMillis = faults.latency().toMillis();
    if (delayMillis > 0) {
      Thread.sleep(delayMillis);
    }
    if (faults.partition().isPresent()) {
      faults.holdWhilePartitioned(() -> !node.listeningNow());
      return false;
    }
    return node.isListening();
  }

  private static void send(HttpServerResponse response, NodeRequest request, HttpReply reply) {
    String requestId = UUID.randomUUID().toString();
    response.putHeader("X-Influxdb-Version", "HyperbyteDB-0.8.5");
    response.putHeader("X-Influxdb-Build", "OSS");
    response.putHeader("Request-Id", requestId);
    response.putHeader("X-Request-Id", requestId);
    for (Map.Entry<String, String> header : reply.headers().entrySet()) {
      response.putHeader(header.getKey(), header.getValue());
    }
    if (reply.contentType() != null) {
      response.putHeader("Content-Type", reply.contentType());
    }
    response.setStatusCode(reply.status());
    boolean noBody = reply.body() == null || reply.body().isEmpty() || request.method().equals("HEAD")
        || reply.status() == 204;
    if (noBody) {
      response.end();
    } else {
      response.end(reply.body());
    }
  }

  /** Gives the port back when the member is gone for good (its simulation closed). */
  void release() {
    CLAIMED.remove(port);
  }

  private static int reservePort() {
    while (true) {
      int candidate;
      try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
        socket.setReuseAddress(true);
        candidate = socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (CLAIMED.add(candidate)) {
        return candidate;
      }
    }
  }
}
