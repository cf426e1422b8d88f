package cloud.hyperbyte.testkit.schema;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.fabric8.kubernetes.api.model.HasMetadata;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The official strict JSON schemas of Kubernetes objects (one file per kind, as published for
 * {@code kubectl}-style validation: unknown fields rejected, no {@code $ref}s), applied to objects
 * our code renders. A schema file is named {@code <kind>-<first label of the group>-<version>.json},
 * for example {@code statefulset-apps-v1.json}, {@code pod-v1.json},
 * {@code certificate-cert-manager-v1.json}.
 */
public final class KubernetesSchemas {

  /** The Kubernetes version whose schemas the project validates against. */
  public static final String KUBERNETES_VERSION = "v1.32.2";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path directory;
  private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
  private final Map<Path, Schema> loaded = new ConcurrentHashMap<>();

  private KubernetesSchemas(Path directory) {
    this.directory = directory;
  }

  /** Schemas in {@code directory}. */
  public static KubernetesSchemas at(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("schema directory " + directory + " does not exist");
    }
    return new KubernetesSchemas(directory);
  }

  /**
   * Schemas of {@link #KUBERNETES_VERSION} under the shared project material: system property
   * {@code hyperbyte.shared.dir} (set by the build) + {@code /k8s-schemas/<version>}.
   */
  public static KubernetesSchemas shared() {
    String shared = System.getProperty("hyperbyte.shared.dir");
    if (shared == null || shared.isBlank()) {
      throw new IllegalStateException("system property hyperbyte.shared.dir is not set (the Maven build sets it)");
    }
    return at(Path.of(shared, "k8s-schemas", KUBERNETES_VERSION));
  }

  /** The schema file for an object of this apiVersion and kind, when one is published. */
  public Optional<Path> schemaFile(String apiVersion, String kind) {
    Path file = directory.resolve(fileName(apiVersion, kind));
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /** Whether a schema exists for this apiVersion and kind. */
  public boolean covers(String apiVersion, String kind) {
    return schemaFile(apiVersion, kind).isPresent();
  }

  /** Violations of a typed object; empty when valid. */
  public List<String> violations(HasMetadata object) {
    return violationsOfJson(object.getApiVersion(), object.getKind(), SERIALIZATION.asJson(object));
  }

  /**
   * Violations of one object given as a map (for example a parsed Helm template document); empty when
   * valid.
   */
  public List<String> violations(Map<String, Object> object) {
    return violationsOfJson(
        String.valueOf(object.get("apiVersion")), String.valueOf(object.get("kind")), SERIALIZATION.asJson(object));
  }

  private List<String> violationsOfJson(String apiVersion, String kind, String json) {
    Optional<Path> file = schemaFile(apiVersion, kind);
    if (file.isEmpty()) {
      return List.of("no schema for " + apiVersion + " " + kind + " (expected " + directory.resolve(fileName(apiVersion, kind)) + ")");
    }
    Schema schema = loaded.computeIfAbsent(file.get(), this::load);
    List<Error> errors = schema.validate(json, InputFormat.JSON);
    return errors.stream().map(e -> kind + " " + e.getInstanceLocation() + ": " + e.getMessage()).toList();
  }

  private Schema load(Path file) {
    try {
      // The files declare "$schema": "http://json-schema.org/schema#", which names no concrete
      // dialect; they are draft-04 documents, so the declaration is dropped and draft-04 applies.
      ObjectNode schema = (ObjectNode) JSON.readTree(Files.readString(file));
      schema.remove("$schema");
      return registry.getSchema(schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String fileName(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String groupLabel = group.isEmpty() ? "" : "-" + group.split("\\.")[0];
    return kind.toLowerCase(java.util.Locale.ROOT) + groupLabel + "-" + version + ".json";
  }
}
