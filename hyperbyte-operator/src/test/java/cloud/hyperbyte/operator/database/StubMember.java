package cloud.hyperbyte.operator.database;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/** A tiny HTTP server answering fixed bodies per path, recording requests; can hold every request. */
final class StubMember implements AutoCloseable {

  record Answer(int status, String body) {}

  record Request(String method, String path, String authorization, String body) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch stall;

  StubMember() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", exchange -> {
      try (exchange) {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders().getFirst("Authorization"), body));
        CountDownLatch held = stall;
        if (held != null) {
          try {
            held.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        Answer answer = answers.getOrDefault(exchange.getRequestURI().getPath(), new Answer(404, ""));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        }
      }
    });
    server.start();
  }

  StubMember answer(String path, int status, String body) {
    answers.put(path, new Answer(status, body));
    return this;
  }

  /** Holds every request until the returned latch is counted down. */
  CountDownLatch stall() {
    stall = new CountDownLatch(1);
    return stall;
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    CountDownLatch held = stall;
    if (held != null) {
      held.countDown();
    }
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
