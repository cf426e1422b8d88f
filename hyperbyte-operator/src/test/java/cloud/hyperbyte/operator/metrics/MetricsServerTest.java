package cloud.hyperbyte.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

  private static String scrape(int port) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  @Test
  void metricsEndpointExposesReconcilesErrorsDurationsQueueDepthWritesAndDatabaseCalls() throws Exception {
    OperatorMetrics metrics = OperatorMetrics.standalone();
    AtomicInteger depth = new AtomicInteger(3);
    metrics.queueDepth(depth::get);
    metrics.reconciled("HyperbytedbCluster", Duration.ofMillis(40), false);
    metrics.reconciled("HyperbytedbCluster", Duration.ofMillis(70), true);
    metrics.apiWrite("apply", "StatefulSet");
    metrics.apiWrite("apply", "StatefulSet");
    metrics.apiWrite("delete", "Pod");
    metrics.databaseCall("/cluster/membership/add-node", "ok");
    metrics.databaseCall("/health", "timeout");
    metrics.leading(true);

    try (MetricsServer server = MetricsServer.start(metrics.registry(), 0)) {
      String text = scrape(server.port());

      assertThat(text).contains(
          "hyperbyte_operator_reconciles_total{kind=\"HyperbytedbCluster\"} 2.0",
          "hyperbyte_operator_reconcile_errors_total{kind=\"HyperbytedbCluster\"} 1.0",
          "hyperbyte_operator_reconcile_duration_seconds_bucket{kind=\"HyperbytedbCluster\",le=\"0.05\"} 1",
          "hyperbyte_operator_reconcile_duration_seconds_bucket{kind=\"HyperbytedbCluster\",le=\"0.1\"} 2",
          "hyperbyte_operator_reconcile_duration_seconds_count{kind=\"HyperbytedbCluster\"} 2",
          "hyperbyte_operator_queue_depth 3.0",
          "hyperbyte_operator_api_writes_total{kind=\"StatefulSet\",verb=\"apply\"} 2.0",
          "hyperbyte_operator_api_writes_total{kind=\"Pod\",verb=\"delete\"} 1.0",
          "hyperbyte_operator_database_calls_total{endpoint=\"/cluster/membership/add-node\",outcome=\"ok\"} 1.0",
          "hyperbyte_operator_database_calls_total{endpoint=\"/health\",outcome=\"timeout\"} 1.0",
          "hyperbyte_operator_leader 1.0");

      depth.set(0);
      assertThat(scrape(server.port())).as("the depth is read at scrape time").contains("hyperbyte_operator_queue_depth 0.0");
    }
    assertThat(metrics.apiWriteCount()).isEqualTo(3);
  }
}
