package cloud.hyperbyte.operator.kube;

import static org.awaitility.Awaitility.await;

import cloud.hyperbyte.operator.controller.ProcessFencing;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An API server that accepts connections and then says nothing (a hung process behind its listening
 * socket, a load balancer in front of a dead backend). The operator's API client has no connect
 * timeout ({@link ApiHttpClient}), so only a request's own timeout gives such a connection up; fabric8
 * sends a watch without one, as a web socket or as a streaming GET (its fallback, or all it uses with
 * {@code onlyHttpWatches}), and the watch waited on its first connection for good instead of trying
 * again.
 */
class SilentApiServerTest {

  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final ServerSocket server = silentServer();
  private KubernetesClient client;
  private volatile Watch watch;

  private ServerSocket silentServer() {
    try {
      ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(socket.accept());
          }
        } catch (IOException closed) {
          // the test is over
        }
      }, "silent-api-server");
      acceptor.setDaemon(true);
      acceptor.start();
      return socket;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void stop() throws IOException {
    if (watch != null) {
      watch.close();
    }
    if (client != null) {
      client.close();
    }
    server.close();
    for (Socket socket : accepted) {
      socket.close();
    }
  }

  private KubernetesClient operatorClient(String masterUrl) {
    return operatorClient(masterUrl, true);
  }

  private KubernetesClient operatorClient(String masterUrl, boolean onlyHttpWatches) {
    Config config = new ConfigBuilder(Config.empty())
        .withMasterUrl(masterUrl)
        .withTrustCerts(true)
        .withConnectionTimeout(10_000)
        .withRequestTimeout(200)
        .withWatchReconnectInterval(10)
        .withOnlyHttpWatches(onlyHttpWatches)
        .build();
    KubernetesClientBuilder builder = new KubernetesClientBuilder().withConfig(config)
        .withHttpClientFactory(new JdkHttpClientFactory());
    new ProcessFencing().configure(builder, http -> { });
    return builder.build();
  }

  private Watch watchConfigMaps(Consumer<ConfigMap> added) {
    return client.configMaps().inNamespace("test").watch(new Watcher<ConfigMap>() {
      @Override
      public void eventReceived(Action action, ConfigMap resource) {
        added.accept(resource);
      }

      @Override
      public void onClose(WatcherException cause) {}
    });
  }

  @Test
  void aWatchGivesUpAWebSocketHandshakeTheServerNeverAnswersAndConnectsAgain() {
    client = operatorClient("https://127.0.0.1:" + server.getLocalPort(), false);

    // watch() returns once a web socket is open: asked on another thread, so that a handshake that never ends fails
    // this test rather than hanging it
    CompletableFuture.runAsync(() -> watch = watchConfigMaps(configMap -> { }));

    await().atMost(Duration.ofMinutes(1)).until(() -> accepted.size() >= 3);
  }

  @Test
  void aStreamingWatchGivesUpAConnectionTheServerNeverAnswersAndConnectsAgain() {
    client = operatorClient("https://127.0.0.1:" + server.getLocalPort());

    watch = watchConfigMaps(configMap -> { });

    // each connection is given up after the request timeout, and the watch reconnects
    await().atMost(Duration.ofMinutes(1)).until(() -> accepted.size() >= 3);
  }

  @Test
  void aStreamingWatchWhoseServerAnsweredKeepsReceivingEventsLongAfterTheRequestTimeout() throws IOException {
    List<String> names = new CopyOnWriteArrayList<>();
    try (ServerSocket answering = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread api = new Thread(() -> answerWithOneLateEvent(answering), "answering-api-server");
      api.setDaemon(true);
      api.start();
      client = operatorClient("http://127.0.0.1:" + answering.getLocalPort());

      watch = watchConfigMaps(configMap -> names.add(configMap.getMetadata().getName()));

      await().atMost(Duration.ofMinutes(1)).until(() -> names.contains("late"));
    }
  }

  /** Answers the first request at once with a watch stream, and sends one event well after the request timeout. */
  private static void answerWithOneLateEvent(ServerSocket answering) {
    try (Socket socket = answering.accept()) {
      BufferedReader request = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      for (String line = request.readLine(); line != null && !line.isEmpty(); line = request.readLine()) {
        // the request's headers
      }
      OutputStream response = socket.getOutputStream();
      response.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8));
      response.flush();
      // five times the request timeout: a timeout that covered the stream would have ended it by now
      Thread.sleep(1_000);
      String event = "{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
          + "\"metadata\":{\"name\":\"late\",\"namespace\":\"test\",\"resourceVersion\":\"2\"}}}\n";
      byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
      response.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.UTF_8));
      response.write(bytes);
      response.write("\r\n".getBytes(StandardCharsets.UTF_8));
      response.flush();
      Thread.sleep(60_000);
    } catch (IOException | InterruptedException e) {
      // the test is over
    }
  }
}
