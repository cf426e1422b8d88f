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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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

  /** How long an address book answer is used, as a pod DNS answer would be cached. */
  private static final Duration ADDRESS_TTL = Duration.ofSeconds(10);

  private OperatorProcessMain() {}

  public static void main(String[] args) throws Exception {
    LogSettings.configure(Level.INFO, LogFormat.TEXT);
    URI addressBook = URI.create(args[1]);
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(args[0]).withNamespace("default").build();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
        .withHttpClientFactory(new JdkHttpClientFactory())
        .withHttpClientBuilderConsumer(cloud.hyperbyte.operator.kube.ApiHttpClient::configure).build();
    // what `hyperbyte run` sets (RunCommand): a 15 s budget for one cluster's member probes
    OperatorSettings settings = new OperatorSettings(WatchedNamespaces.all(), "cluster.local", Optional.empty(), -1,
        -1, 4, Duration.ofMinutes(10), Duration.ofSeconds(15), Duration.ofSeconds(20));
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

  /**
   * Asks the address book (as a pod DNS lookup would be answered) and keeps each answer for
   * {@link #ADDRESS_TTL}, as a DNS cache would: asking on every call doubled the simulation's HTTP
   * load, and at 1,000 clusters the lookups queued behind each other until member calls timed out.
   * A member restarted elsewhere is found again once its entry expires.
   */
  private static PodAddressResolver lookingUp(URI addressBook) {
    // two threads: the default executor grew to a dozen, which a pod DNS lookup does not cost the operator
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).executor(java.util.concurrent.Executors.newFixedThreadPool(2, runnable -> {
          Thread thread = new Thread(runnable, "address-book");
          thread.setDaemon(true);
          return thread;
        })).build();
    Map<String, Answer> answers = new ConcurrentHashMap<>();
    PodAddressResolver asking = asking(http, addressBook);
    return (member, scheme) -> {
      long now = System.nanoTime();
      Answer known = answers.get(member.host());
      if (known != null && now - known.at() < ADDRESS_TTL.toNanos()) {
        return known.address();
      }
      URI address = asking.baseUri(member, scheme);
      answers.put(member.host(), new Answer(address, now));
      return address;
    };
  }

  private record Answer(URI address, long at) {}

  private static PodAddressResolver asking(HttpClient http, URI addressBook) {
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
