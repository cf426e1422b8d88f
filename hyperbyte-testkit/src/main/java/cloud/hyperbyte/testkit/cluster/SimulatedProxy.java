package cloud.hyperbyte.testkit.cluster;

import cloud.hyperbyte.testkit.db.SimulatedTime;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One hyperbytedb-proxy pod (contract §10): its backend pool and its admin listener on 127.0.0.1.
 *
 * <p>The pool behaves as the proxy's does. Discovery resolves the backend Service when the pod starts
 * and then every discovery interval: a new IP joins as {@code Unknown} (not routable), a vanished IP
 * leaves together with its exclusion flag. A health probe at start and every health interval sets
 * each backend to {@code Active} (its member's {@code /health} answers 2xx), {@code Draining} (it
 * answers otherwise) or {@code Down} (nothing answers). The proxy routes to backends that are Active
 * and not excluded; every change of that set is reported. Exclusions live in this pod's memory only:
 * another proxy pod, or a new incarnation of this one, knows nothing of them.
 *
 * <p>Admin API: {@code /healthz}, {@code /readyz}, {@code /admin/backends}, {@code /admin/pool} and
 * {@code POST /admin/backends/{ip}/exclude|include} (200, 409 {@code already_excluded}, 404 for an
 * IP not in the pool).
 */
final class SimulatedProxy implements AutoCloseable {

  /** A backend's health as the proxy's last probe saw it. */
  enum Health {
    UNKNOWN, ACTIVE, DRAINING, DOWN;

    String wireName() {
      return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }
  }

  private static final Pattern BACKEND_CALL = Pattern.compile("/admin/backends/([^/]+)/(exclude|include)");

  private final String podName;
  private final Supplier<Set<String>> resolve;
  private final Function<String, Health> probe;
  private final Consumer<ProxyCall> calls;
  private final Consumer<ProxyRouting> routing;
  private final SimulatedTime time;
  private final Duration discoveryInterval;
  private final Duration healthInterval;
  /** Backends by IP, in this pod's memory. */
  private final Map<String, Health> pool = new TreeMap<>();
  private final Set<String> excluded = new TreeSet<>();
  private Set<String> routed = Set.of();
  private boolean closed;
  private SimulatedTime.Scheduled nextDiscovery;
  private SimulatedTime.Scheduled nextProbe;
  private final HttpServer server;

  /**
   * @param resolve the backend Service's IPs now, as DNS answers
   * @param probe what {@code GET /health} on an IP answers now
   * @param calls told of every exclude and include call, before the answer goes out
   * @param routing told of the routable backends at start and after every change
   */
  SimulatedProxy(String podName, Supplier<Set<String>> resolve, Function<String, Health> probe,
      Consumer<ProxyCall> calls, Consumer<ProxyRouting> routing, SimulatedTime time, Duration discoveryInterval,
      Duration healthInterval) {
    this.podName = podName;
    this.resolve = resolve;
    this.probe = probe;
    this.calls = calls;
    this.routing = routing;
    this.time = time;
    this.discoveryInterval = discoveryInterval;
    this.healthInterval = healthInterval;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
  }

  /** Resolves and probes once, as the proxy does at startup, then keeps doing so on its intervals. */
  SimulatedProxy start() {
    synchronized (this) {
      discover();
      probeAll();
      routingChanged(true);
      nextDiscovery = time.schedule(discoveryInterval, this::discoveryTick);
      nextProbe = time.schedule(healthInterval, this::probeTick);
    }
    server.start();
    return this;
  }

  /** {@code 127.0.0.1:<port>} of the admin listener. */
  String address() {
    return InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getAddress().getPort();
  }

  /** The backend IPs excluded now. */
  synchronized Set<String> excluded() {
    return Set.copyOf(excluded);
  }

  /** The backend IPs this proxy routes to now: Active and not excluded. */
  synchronized Set<String> routed() {
    return routed;
  }

  private void discoveryTick() {
    synchronized (this) {
      if (closed) {
        return;
      }
      discover();
      routingChanged(false);
      nextDiscovery = time.schedule(discoveryInterval, this::discoveryTick);
    }
  }

  private void probeTick() {
    synchronized (this) {
      if (closed) {
        return;
      }
      probeAll();
      routingChanged(false);
      nextProbe = time.schedule(healthInterval, this::probeTick);
    }
  }

  private void discover() {
    Set<String> resolved = resolve.get();
    pool.keySet().retainAll(resolved);
    excluded.retainAll(resolved);
    resolved.forEach(ip -> pool.putIfAbsent(ip, Health.UNKNOWN));
  }

  private void probeAll() {
    pool.replaceAll((ip, health) -> probe.apply(ip));
  }

  private void routingChanged(boolean always) {
    Set<String> now = new TreeSet<>();
    pool.forEach((ip, health) -> {
      if (health == Health.ACTIVE && !excluded.contains(ip)) {
        now.add(ip);
      }
    });
    if (always || !now.equals(routed)) {
      routed = Set.copyOf(now);
      routing.accept(new ProxyRouting(podName, routed, time.now()));
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Matcher call = BACKEND_CALL.matcher(path);
      int status;
      String body;
      synchronized (this) {
        if (call.matches() && "POST".equals(exchange.getRequestMethod())) {
          String ip = call.group(1);
          if (call.group(2).equals("exclude")) {
            if (!pool.containsKey(ip)) {
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
          calls.accept(new ProxyCall(podName, call.group(2), ip, status, time.now()));
          routingChanged(false);
        } else if ("/healthz".equals(path)) {
          status = 200;
          body = "ok";
        } else if ("/readyz".equals(path)) {
          int active = routed.size();
          status = active > 0 ? 200 : 503;
          body = "{\"status\":\"" + (active > 0 ? "ready" : "unready") + "\",\"active_backends\":" + active + "}";
        } else if ("/admin/pool".equals(path) || "/admin/backends".equals(path)) {
          status = 200;
          body = backends("/admin/pool".equals(path));
        } else {
          status = 404;
          body = "{\"status\":\"fail\",\"message\":\"not found\"}";
        }
      }
      reply(exchange, status, body);
    }
  }

  private String backends(boolean withExclusion) {
    StringBuilder json = new StringBuilder("[");
    pool.forEach((ip, health) -> {
      json.append(json.length() > 1 ? "," : "").append("{\"addr\":\"").append(ip)
          .append("\",\"health\":\"").append(health.wireName()).append('"');
      if (withExclusion) {
        json.append(",\"excluded\":").append(excluded.contains(ip));
      }
      json.append('}');
    });
    return json.append(']').toString();
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
    synchronized (this) {
      closed = true;
      if (nextDiscovery != null) {
        nextDiscovery.cancel();
      }
      if (nextProbe != null) {
        nextProbe.cancel();
      }
    }
    server.stop(0);
  }

  /** For tests of this class: a snapshot of the pool, IP to health. */
  synchronized Map<String, Health> pool() {
    return Map.copyOf(pool);
  }
}
