package cloud.hyperbyte.testkit.db;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * A member's HTTP listener on 127.0.0.1: applies latency and partition faults, adds the headers every
 * HyperbyteDB response carries, and hands requests to the routes. The port is reserved when the
 * member is created and reused on every bind, so a member keeps its address across restarts and a
 * stale address never reaches another member.
 */
final class NodeListener {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final SimulatedNode node;
  private final NodeRoutes routes;
  private final Executor executor;
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

  void bind() {
    try {
      server = create(port);
    } catch (BindException taken) {
      // another process took the port while this member was down: move rather than fail the start
      port = reservePort();
      try {
        server = create(port);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.start();
  }

  void unbind() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  private HttpServer create(int onPort) throws IOException {
    HttpServer created = HttpServer.create(new InetSocketAddress(LOOPBACK, onPort), 64);
    created.setExecutor(executor);
    created.createContext("/", this::handle);
    return created;
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      if (!passFaults()) {
        return; // dropped without an answer
      }
      NodeRequest request = new NodeRequest(
          exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT),
          exchange.getRequestURI().getPath(),
          exchange.getRequestHeaders().getFirst("Authorization"),
          exchange.getRequestBody().readAllBytes(),
          exchange.getRequestURI().getRawQuery());
      HttpReply reply;
      try {
        reply = routes.handle(request);
      } catch (RuntimeException e) {
        reply = HttpReply.json(500, "{\"error\":\"simulator failure: " + e.getClass().getSimpleName() + "\"}");
      }
      send(exchange, request, reply);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException clientGone) {
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

  private static void send(HttpExchange exchange, NodeRequest request, HttpReply reply) throws IOException {
    var headers = exchange.getResponseHeaders();
    String requestId = UUID.randomUUID().toString();
    headers.set("X-Influxdb-Version", "HyperbyteDB-0.8.5");
    headers.set("X-Influxdb-Build", "OSS");
    headers.set("Request-Id", requestId);
    headers.set("X-Request-Id", requestId);
    for (Map.Entry<String, String> header : reply.headers().entrySet()) {
      headers.set(header.getKey(), header.getValue());
    }
    byte[] body = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
    if (reply.contentType() != null) {
      headers.set("Content-Type", reply.contentType());
    }
    boolean noBody = body.length == 0 || request.method().equals("HEAD") || reply.status() == 204;
    exchange.sendResponseHeaders(reply.status(), noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static int reservePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
