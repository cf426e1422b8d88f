package cloud.hyperbyte.testkit.kube.admission.crd;

import cloud.hyperbyte.testkit.kube.SimulatedKubernetes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Plain HTTP to the simulated server, to see status codes, Warning headers and Status bodies as sent. */
final class RawHttp {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private final SimulatedKubernetes kube;
  private final HttpClient client = HttpClient.newHttpClient();

  RawHttp(SimulatedKubernetes kube) {
    this.kube = kube;
  }

  record Reply(int code, List<String> warnings, JsonNode body) {
    String message() {
      return body.path("message").asText();
    }

    List<String> causeFields() {
      return body.path("details").path("causes").valueStream().map(c -> c.path("field").asText()).toList();
    }
  }

  Reply post(String path, String yaml) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(YAML.readTree(yaml)))));
  }

  Reply delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  Reply put(String path, String json) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  Reply mergePatch(String path, String json) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/merge-patch+json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  Reply get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  private URI uri(String path) {
    return URI.create(kube.server().url(path));
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.headers().allValues("Warning"), JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
