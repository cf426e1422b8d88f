package cloud.hyperbyte.testkit.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The admin listener of one hyperbytedb-proxy pod (contract §10), on 127.0.0.1: {@code /healthz},
 * {@code /readyz}, {@code /admin/pool} and the exclude/include calls the operator makes during a
 * rolling upgrade. The backend pool is the set of database pod IPs behind the proxy's backend
 * Service at the time of each call; exclusions of IPs that left the pool are dropped, as the proxy's
 * discovery drops them.
 */
final class SimulatedProxy implements AutoCloseable {

  private static final Pattern BACKEND_CALL = Pattern.compile("/admin/backends/([^/]+)/(exclude|include)");

  private final String podName;
  private final Supplier<Set<String>> pool;
  private final Consumer<ProxyCall> log;
  private final Supplier<java.time.Instant> now;
  private final Set<String> excluded = ConcurrentHashMap.newKeySet();
  private final HttpServer server;

  SimulatedProxy(String podName, Supplier<Set<String>> pool, Consumer<ProxyCall> log,
      Supplier<java.time.Instant> now) {
    this.podName = podName;
    this.pool = pool;
    this.log = log;
    this.now = now;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code 127.0.0.1:<port>} of the admin listener. */
  String address() {
    return InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getAddress().getPort();
  }

  /** The backend IPs excluded now. */
  Set<String> excluded() {
    excluded.retainAll(pool.get());
    return Set.copyOf(excluded);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Matcher call = BACKEND_CALL.matcher(path);
      if (call.matches() && "POST".equals(exchange.getRequestMethod())) {
        String ip = call.group(1);
        boolean exclude = call.group(2).equals("exclude");
        int status;
        String body;
        synchronized (this) {
          Set<String> backends = pool.get();
          excluded.retainAll(backends);
          if (exclude) {
            if (!backends.contains(ip)) {
              status = 404;
              body = "{\"status\":\"not_found\",\"ip\":\"" + ip + "\"}";
            } else if (!excluded.add(ip)) {
              status = 409;
              body = "{\"status\":\"already_excluded\",\"ip\":\"" + ip + "\"}";
            } else {
              status = 200;
              body = "{\"status\":\"excluded\",\"ip\":\"" + ip + "\"}";
            }
          } else {
            status = 200;
            body = "{\"status\":\"" + (excluded.remove(ip) ? "included" : "not_excluded") + "\",\"ip\":\"" + ip + "\"}";
          }
        }
        log.accept(new ProxyCall(podName, call.group(2), ip, status, now.get()));
        reply(exchange, status, body);
      } else if ("/healthz".equals(path)) {
        reply(exchange, 200, "ok");
      } else if ("/readyz".equals(path)) {
        long active = pool.get().stream().filter(ip -> !excluded.contains(ip)).count();
        reply(exchange, active > 0 ? 200 : 503, "{\"status\":\"" + (active > 0 ? "ready" : "unready")
            + "\",\"active_backends\":" + active + "}");
      } else if ("/admin/pool".equals(path)) {
        StringBuilder json = new StringBuilder("[");
        for (String ip : pool.get()) {
          json.append(json.length() > 1 ? "," : "").append("{\"addr\":\"").append(ip)
              .append("\",\"excluded\":").append(excluded.contains(ip)).append('}');
        }
        reply(exchange, 200, json.append(']').toString());
      } else {
        reply(exchange, 404, "{\"status\":\"fail\",\"message\":\"not found\"}");
      }
    }
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
