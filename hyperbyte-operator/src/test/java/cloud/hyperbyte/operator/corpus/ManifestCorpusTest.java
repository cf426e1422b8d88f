package cloud.hyperbyte.operator.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.Problem;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.render.HyperbyteRender;
import cloud.hyperbyte.testkit.kube.SimulatedKubernetes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every manifest a user is shown (each file in {@code examples/}, each YAML block of the READMEs)
 * and the valid corpus beside this test are admitted by the simulated API server with the generated
 * CRDs, without pruned fields; each manifest of the invalid corpus (every CEL rule broken, every
 * bound exceeded) is refused at the field path its {@code # refused:} line names, and a cluster
 * manifest there is refused by {@code render} at the same path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManifestCorpusTest {

  private static final Path PROJECT = Path.of(System.getProperty("hyperbyte.project.dir", ".."));
  private static final String CORPUS = "/cloud/hyperbyte/operator/corpus/";
  private static final Pattern REFUSED = Pattern.compile("^# refused: (\\S+)", Pattern.MULTILINE);
  private static final Pattern FENCE = Pattern.compile("^ *```[a-z]*\\n(.*?)^ *```", Pattern.MULTILINE | Pattern.DOTALL);
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private SimulatedKubernetes kube;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() {
    kube = SimulatedKubernetes.start();
  }

  @AfterAll
  void stop() {
    kube.close();
  }

  /** One manifest and where it comes from. */
  record Manifest(String source, String text) {
    @Override
    public String toString() {
      return source;
    }

    List<ObjectNode> documents() {
      List<ObjectNode> documents = new ArrayList<>();
      for (String part : text.split("(?m)^---\\s*$")) {
        JsonNode node = YAML.readTree(part);
        if (node instanceof ObjectNode object && object.has("apiVersion") && object.has("kind")) {
          documents.add(object);
        }
      }
      return documents;
    }
  }

  static Stream<Manifest> userManifests() throws IOException {
    List<Manifest> manifests = new ArrayList<>();
    try (Stream<Path> files = Files.list(PROJECT.resolve("examples"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        manifests.add(new Manifest("examples/" + file.getFileName(), Files.readString(file)));
      }
    }
    for (Path readme : readmes()) {
      Matcher block = FENCE.matcher(Files.readString(readme));
      int index = 0;
      while (block.find()) {
        index++;
        Manifest candidate = new Manifest(PROJECT.relativize(readme) + " block " + index, block.group(1));
        if (isManifest(candidate)) {
          manifests.add(candidate);
        }
      }
    }
    return manifests.stream();
  }

  private static boolean isManifest(Manifest candidate) {
    try {
      return !candidate.documents().isEmpty();
    } catch (RuntimeException notYaml) {
      return false; // a shell or Java block
    }
  }

  private static List<Path> readmes() throws IOException {
    List<Path> readmes = new ArrayList<>(List.of(PROJECT.resolve("README.md")));
    try (Stream<Path> modules = Files.list(PROJECT)) {
      modules.filter(p -> p.getFileName().toString().startsWith("hyperbyte-")).sorted()
          .map(p -> p.resolve("README.md")).filter(Files::exists).forEach(readmes::add);
    }
    try (Stream<Path> charts = Files.list(PROJECT.resolve("charts"))) {
      charts.sorted().map(p -> p.resolve("README.md")).filter(Files::exists).forEach(readmes::add);
    }
    return readmes;
  }

  static Stream<Manifest> validCorpus() {
    return corpus("valid");
  }

  static Stream<Manifest> invalidCorpus() {
    return corpus("invalid");
  }

  private static Stream<Manifest> corpus(String folder) {
    try {
      Path dir = Path.of(ManifestCorpusTest.class.getResource(CORPUS + folder).toURI());
      try (Stream<Path> files = Files.list(dir)) {
        List<Manifest> manifests = new ArrayList<>();
        for (Path file : files.sorted().toList()) {
          manifests.add(new Manifest(folder + "/" + file.getFileName(), Files.readString(file)));
        }
        return manifests.stream();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theReadmesShowABackupAndARestore() throws IOException {
    assertThat(userManifests().flatMap(m -> m.documents().stream()).map(d -> d.path("kind").asText()))
        .contains("HyperbytedbCluster", "HyperbytedbBackup", "HyperbytedbRestore");
  }

  @ParameterizedTest
  @MethodSource("userManifests")
  void everyManifestAUserIsShownIsAdmittedWithoutPrunedFields(Manifest manifest) {
    assertAdmitted(manifest);
  }

  @ParameterizedTest
  @MethodSource("validCorpus")
  void everyManifestOfTheValidCorpusIsAdmitted(Manifest manifest) {
    assertAdmitted(manifest);
  }

  @ParameterizedTest
  @MethodSource("invalidCorpus")
  void everyManifestOfTheInvalidCorpusIsRefusedAtItsFieldPath(Manifest manifest) {
    Matcher refused = REFUSED.matcher(manifest.text());
    assertThat(refused.find()).as("%s names the refused field", manifest).isTrue();
    String field = refused.group(1);
    List<ObjectNode> documents = manifest.documents();

    Reply reply = writeAll(documents);

    assertThat(reply.code()).as("%s: %s", manifest, reply.body()).isEqualTo(422);
    assertThat(causeFields(reply)).as("%s: %s", manifest, reply.body().path("message").asText()).contains(field);
    ObjectNode written = documents.get(documents.size() - 1);
    if (documents.size() == 1 && written.path("kind").asText().equals("HyperbytedbCluster")) {
      List<String> renderPaths = HyperbyteRender.fromManifest(manifest.text()).problems().stream()
          .filter(p -> p.severity() == Problem.Severity.ERROR).map(Problem::path).toList();
      assertThat(renderPaths).as("%s: render refuses at the server's path", manifest).contains(field);
    }
  }

  /**
   * {@code render} reads a manifest as the API server stores it (pruned and defaulted by the same
   * schema code), so what it shows is what the operator renders from the object it reads back.
   */
  @ParameterizedTest
  @MethodSource("clusterManifests")
  void renderOfAManifestEqualsRenderOfTheObjectTheServerStores(Manifest manifest) {
    ObjectNode document = manifest.documents().get(0);
    Reply stored = writeAll(List.of(document));
    assertThat(stored.code()).as("%s: %s", manifest, stored.body().path("message").asText()).isIn(200, 201);

    HyperbytedbCluster readBack = SERIALIZATION.convertValue(stored.body(), HyperbytedbCluster.class);
    String namespace = readBack.getMetadata().getNamespace();
    readBack.getMetadata().setUid(null); // render has no owner to point at; the operator does
    HyperbyteRender.Result fromManifest = HyperbyteRender.fromManifest(manifest.text(), Optional.of(namespace),
        HyperbyteRender.DEFAULT_CLUSTER_DOMAIN);
    HyperbyteRender.Result fromServer = HyperbyteRender.fromResource(readBack, HyperbyteRender.DEFAULT_CLUSTER_DOMAIN);

    assertThat(fromManifest.isValid()).as("%s renders: %s", manifest, fromManifest.problems()).isTrue();
    assertThat(fromServer.yaml()).as(manifest.toString()).isEqualTo(fromManifest.yaml());
  }

  static Stream<Manifest> clusterManifests() throws IOException {
    return Stream.concat(userManifests(), validCorpus()).filter(m -> {
      List<ObjectNode> documents = m.documents();
      return documents.size() == 1 && documents.get(0).path("kind").asText().equals("HyperbytedbCluster");
    });
  }

  private void assertAdmitted(Manifest manifest) {
    Reply reply = writeAll(manifest.documents());
    assertThat(reply.code()).as("%s: %s", manifest, reply.body().path("message").asText()).isIn(200, 201);
    assertThat(reply.warnings()).as("%s: pruned fields", manifest).isEmpty();
  }

  /**
   * Creates each document (deleting a leftover of an earlier manifest); a document naming an object
   * an earlier one created is written as an update of it.
   */
  private Reply writeAll(List<ObjectNode> documents) {
    Reply last = null;
    List<String> warnings = new ArrayList<>();
    List<String> written = new ArrayList<>();
    for (ObjectNode document : documents) {
      String item = itemPath(document);
      if (!written.contains(item)) {
        written.add(item);
        send(HttpRequest.newBuilder(uri(item)).DELETE());
        last = send(HttpRequest.newBuilder(uri(collectionOf(item))).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(document))));
      } else {
        String resourceVersion = send(HttpRequest.newBuilder(uri(item)).GET()).body()
            .path("metadata").path("resourceVersion").asText();
        ((ObjectNode) document.path("metadata")).put("resourceVersion", resourceVersion);
        last = send(HttpRequest.newBuilder(uri(item)).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(document))));
      }
      warnings.addAll(last.warnings());
      if (last.code() >= 300) {
        return last;
      }
    }
    return new Reply(last.code(), warnings, last.body());
  }

  private static String itemPath(ObjectNode document) {
    String apiVersion = document.path("apiVersion").asText();
    String kind = document.path("kind").asText();
    String plural = kind.toLowerCase() + (kind.endsWith("s") ? "es" : "s");
    String base = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
    String namespace = document.path("metadata").path("namespace").asText("default");
    return base + "/namespaces/" + namespace + "/" + plural + "/" + document.path("metadata").path("name").asText();
  }

  private static String collectionOf(String item) {
    return item.substring(0, item.lastIndexOf('/'));
  }

  private static List<String> causeFields(Reply reply) {
    return reply.body().path("details").path("causes").valueStream().map(c -> c.path("field").asText()).toList();
  }

  record Reply(int code, List<String> warnings, JsonNode body) {}

  private URI uri(String path) {
    return URI.create(kube.server().url(path));
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
      return new Reply(response.statusCode(), response.headers().allValues("Warning"), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
