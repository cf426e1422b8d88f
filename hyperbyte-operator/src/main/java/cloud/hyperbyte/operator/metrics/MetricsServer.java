package cloud.hyperbyte.operator.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;

/** Serves {@code /metrics} in the Prometheus text format on its own port. */
public final class MetricsServer implements AutoCloseable {

  private final HTTPServer server;

  private MetricsServer(HTTPServer server) {
    this.server = server;
  }

  /** Starts serving {@code registry} on {@code port} (0 picks a free port) on all interfaces. */
  public static MetricsServer start(PrometheusRegistry registry, int port) throws IOException {
    return new MetricsServer(HTTPServer.builder().port(port).registry(registry).buildAndStart());
  }

  /** The port actually bound. */
  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.close();
  }
}
