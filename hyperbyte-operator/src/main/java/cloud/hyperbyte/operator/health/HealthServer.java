package cloud.hyperbyte.operator.health;

import cloud.hyperbyte.operator.threads.DaemonThreads;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code /healthz} (liveness) and {@code /readyz} (readiness) on the health port. Each answers 200
 * {@code ok} when all its checks pass and 503 naming the failing checks otherwise. Readiness is
 * meant to be "caches synced", not "is leader": a standby replica is ready.
 */
public final class HealthServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<HealthCheck> liveness = new CopyOnWriteArrayList<>();
  private final List<HealthCheck> readiness = new CopyOnWriteArrayList<>();

  private HealthServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts on {@code port} (0 picks a free port) on all interfaces. */
  public static HealthServer start(int port) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(port), 0);
    ExecutorService executor = Executors.newSingleThreadExecutor(DaemonThreads.named("health-server"));
    HealthServer health = new HealthServer(http, executor);
    http.createContext("/healthz", exchange -> health.answer(exchange, health.liveness));
    http.createContext("/readyz", exchange -> health.answer(exchange, health.readiness));
    http.setExecutor(executor);
    http.start();
    return health;
  }

  /** Adds a condition for {@code /healthz}. */
  public HealthServer addLiveness(HealthCheck check) {
    liveness.add(check);
    return this;
  }

  /** Adds a condition for {@code /readyz}. */
  public HealthServer addReadiness(HealthCheck check) {
    readiness.add(check);
    return this;
  }

  /** The port actually bound. */
  public int port() {
    return server.getAddress().getPort();
  }

  private void answer(HttpExchange exchange, List<HealthCheck> checks) throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      List<String> failing = checks.stream().filter(check -> !passes(check)).map(HealthCheck::name).toList();
      String body = failing.isEmpty() ? "ok\n" : "failing: " + String.join(", ", failing) + "\n";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(failing.isEmpty() ? 200 : 503, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  private static boolean passes(HealthCheck check) {
    try {
      return check.passing().getAsBoolean();
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
