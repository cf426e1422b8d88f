package cloud.hyperbyte.operator.metrics;

import cloud.hyperbyte.operator.threads.DaemonThreads;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/** Serves {@code /metrics} in the Prometheus text format on its own port. */
public final class MetricsServer implements AutoCloseable {

  private final HTTPServer server;

  private MetricsServer(HTTPServer server) {
    this.server = server;
  }

  /**
   * Threads answering scrapes, which come one at a time: the exporter's own pool keeps 10 threads for
   * good once ten scrapes have come; these end when idle.
   */
  static final int THREADS = 2;

  /** Starts serving {@code registry} on {@code port} (0 picks a free port) on all interfaces. */
  public static MetricsServer start(PrometheusRegistry registry, int port) throws IOException {
    ExecutorService executor = DaemonThreads.idleEndingPool("metrics-http", THREADS, Duration.ofSeconds(60));
    return new MetricsServer(HTTPServer.builder().port(port).registry(registry).executorService(executor)
        .buildAndStart());
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
