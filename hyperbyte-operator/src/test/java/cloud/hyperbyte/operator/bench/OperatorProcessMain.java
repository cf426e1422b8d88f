package cloud.hyperbyte.operator.bench;

import cloud.hyperbyte.operator.controller.Operator;
import cloud.hyperbyte.operator.controller.OperatorSettings;
import cloud.hyperbyte.operator.database.PodAddressResolver;
import cloud.hyperbyte.operator.kube.WatchedNamespaces;
import cloud.hyperbyte.operator.logging.LogFormat;
import cloud.hyperbyte.operator.logging.LogSettings;
import cloud.hyperbyte.operator.metrics.MetricsServer;
import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.event.Level;

/**
 * The operator process of {@link OperatorBenchmark}, in its own JVM so that its heap can be measured
 * alone: the production wiring (JDK HTTP client, the settings the benchmark always used) against the
 * simulation's API server, members resolved through the simulation's {@link MemberAddressBook}.
 * Prints the port of its {@code /metrics} ({@value #METRICS}), then {@value #READY} once the caches
 * are synced; exits when its standard input closes.
 *
 * <p>Arguments: the API server URL, the address book URL.
 */
public final class OperatorProcessMain {

  static final String READY = "OPERATOR-READY";
  /** Printed before {@link #READY}, followed by the port of the process's {@code /metrics}. */
  static final String METRICS = "OPERATOR-METRICS ";

  private OperatorProcessMain() {}

  public static void main(String[] args) throws Exception {
    LogSettings.configure(Level.INFO, LogFormat.TEXT);
    URI addressBook = URI.create(args[1]);
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(args[0]).withNamespace("default").build();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
        .withHttpClientFactory(new JdkHttpClientFactory()).build();
    OperatorSettings settings = new OperatorSettings(WatchedNamespaces.all(), "cluster.local", Optional.empty(), -1,
        -1, 4, Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofSeconds(5));
    OperatorMetrics metrics = OperatorMetrics.standalone();
    MetricsServer metricsServer = MetricsServer.start(metrics.registry(), 0);
    System.out.println(METRICS + metricsServer.port());
    Operator operator = new Operator(client, settings, metrics, lookingUp(addressBook), Clock.systemUTC());
    operator.start(Duration.ofMinutes(5));
    System.out.println(READY);
    System.out.flush();
    // the benchmark JVM holds our standard input: when it ends (or dies), so do we
    while (System.in.read() >= 0) {
      // nothing is sent
    }
    operator.close();
    client.close();
    System.exit(0);
  }

  /** Asks the address book for every call (as a pod DNS lookup would be answered). */
  private static PodAddressResolver lookingUp(URI addressBook) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    return (member, scheme) -> {
      HttpRequest request = HttpRequest.newBuilder(addressBook.resolve(
          "/member?host=" + URLEncoder.encode(member.host(), StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(2)).build();
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException("no simulated member " + member.host() + ": " + response.body());
        }
        // simulated members speak plain HTTP whatever the scheme
        return URI.create("http://" + response.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    };
  }
}
