package cloud.hyperbyte.operator.database;

import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.operator.threads.DaemonThreads;
import cloud.hyperbyte.reconcile.port.DatabaseNodes;
import cloud.hyperbyte.reconcile.port.Fence;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Builds a {@link DatabaseNodes} per cluster connection. HTTP clients are shared: one for plain
 * HTTP and the JVM trust store, one per distinct cluster CA (each has its own connection pool).
 */
public final class DatabaseClients implements AutoCloseable {

  /** Connecting to a pod on the cluster network is fast or not at all. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  /** Long enough for a leader's membership change, short enough not to hold a reconcile. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Threads of the HTTP clients' own work (completing exchanges; the callers wait on their own
   * threads). A cached pool grew to one thread per call in flight, 21 threads with 1,000 clusters,
   * each with its stack; idle threads end after 30 s.
   */
  static final int HTTP_THREADS = 4;

  private final PodAddressResolver resolver;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final OperatorMetrics metrics;
  private final Fence fence;
  private final ExecutorService executor;
  private final Map<String, HttpClient> clientsByCa = new ConcurrentHashMap<>();

  /** @param fence passed by every member call, reads too */
  public DatabaseClients(PodAddressResolver resolver, Duration connectTimeout, Duration requestTimeout,
      OperatorMetrics metrics, Fence fence) {
    this.fence = fence;
    this.resolver = resolver;
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
    this.metrics = metrics;
    this.executor = DaemonThreads.idleEndingPool("database-http", HTTP_THREADS, Duration.ofSeconds(30));
  }

  /** Clients that are not fenced: a single operator replica, tests of the HTTP contract. */
  public DatabaseClients(
      PodAddressResolver resolver, Duration connectTimeout, Duration requestTimeout, OperatorMetrics metrics) {
    this(resolver, connectTimeout, requestTimeout, metrics, Fence.open());
  }

  /** Pod DNS addresses and the default timeouts. */
  public static DatabaseClients inCluster(OperatorMetrics metrics) {
    return new DatabaseClients(PodAddressResolver.podDns(), DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, metrics);
  }

  /** The members of a cluster reached through {@code connection}. */
  public DatabaseNodes forCluster(DatabaseConnection connection) {
    String caKey = connection.tls() ? connection.caCertificatePem().orElse("jvm-default") : "plain";
    HttpClient client = clientsByCa.computeIfAbsent(caKey, key -> newClient(connection));
    return new HttpDatabaseNodes(
        client, connection.scheme(), resolver, connection.credentials(), requestTimeout, metrics, fence);
  }

  private HttpClient newClient(DatabaseConnection connection) {
    HttpClient.Builder builder = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(executor);
    if (connection.tls()) {
      connection.caCertificatePem().map(TrustedCa::sslContext).ifPresent(builder::sslContext);
    }
    return builder.build();
  }

  /** Forgets the client of a CA no longer used (after a CA rotation). */
  public void forgetCa(Optional<String> caPem) {
    caPem.ifPresent(clientsByCa::remove);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
