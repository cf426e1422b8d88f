package cloud.hyperbyte.testkit.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP calls to simulated members, as the operator's adapter makes them. */
final class NodeClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
  private String authorization;

  NodeClient withAuthorization(String header) {
    NodeClient client = new NodeClient();
    client.authorization = header;
    return client;
  }

  HttpResponse<String> get(SimulatedNode node, String path) {
    return send(node, path, "GET", null, Duration.ofSeconds(5));
  }

  HttpResponse<String> head(SimulatedNode node, String path) {
    return send(node, path, "HEAD", null, Duration.ofSeconds(5));
  }

  HttpResponse<String> post(SimulatedNode node, String path, String json) {
    return send(node, path, "POST", json, Duration.ofSeconds(5));
  }

  /** The call; I/O failures (refused, reset, timed out) are thrown as they are. */
  HttpResponse<String> call(SimulatedNode node, String path, Duration timeout) throws IOException, InterruptedException {
    return http.send(request(node, path, "GET", null, timeout), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode getJson(SimulatedNode node, String path) {
    HttpResponse<String> response = get(node, path);
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return json(response);
  }

  static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> send(SimulatedNode node, String path, String method, String json, Duration timeout) {
    try {
      return http.send(request(node, path, method, json, timeout), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest request(SimulatedNode node, String path, String method, String json, Duration timeout) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + node.address() + path)).timeout(timeout);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    if (json != null) {
      builder.header("Content-Type", "application/json");
    }
    return builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build();
  }
}
