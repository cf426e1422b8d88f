package cloud.hyperbyte.model.spec;

import cloud.hyperbyte.model.crd.CrdSchemaValidator;
import cloud.hyperbyte.model.crd.CrdSchemas;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a HyperbytedbCluster manifest (YAML or JSON) the way the API server would accept it:
 * checks apiVersion and kind, checks the document against the generated CRD schema (unknown fields
 * become warnings and are dropped, wrong values become errors), then hands the typed resource to
 * {@link ClusterSpecFactory}. Every problem is reported at once.
 */
public final class ManifestReader {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private ManifestReader() {}

  /**
   * Parses and validates a cluster manifest.
   *
   * @param manifest YAML or JSON text of one HyperbytedbCluster
   * @param namespaceOverride replaces {@code metadata.namespace} when present
   */
  public static Validated<HyperbytedbCluster> readCluster(String manifest, Optional<String> namespaceOverride) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Object> document;
    try {
      Object parsed = SERIALIZATION.unmarshal(manifest, Object.class);
      if (!(parsed instanceof Map)) {
        return Validated.failed(List.of(Problem.error("(document)", "must be a YAML or JSON object")));
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) parsed;
      document = new LinkedHashMap<>(map);
    } catch (RuntimeException e) {
      return Validated.failed(List.of(Problem.error("(document)", "is not valid YAML or JSON: " + rootMessage(e))));
    }
    Object apiVersion = document.get("apiVersion");
    Object kind = document.get("kind");
    if (!HyperbytedbCluster.API_VERSION.equals(apiVersion)) {
      problems.add(Problem.error("apiVersion", "must be " + HyperbytedbCluster.API_VERSION + ", got " + apiVersion));
    }
    if (!HyperbytedbCluster.KIND.equals(kind)) {
      problems.add(Problem.error("kind", "must be " + HyperbytedbCluster.KIND + ", got " + kind));
    }
    if (!(document.get("spec") instanceof Map)) {
      problems.add(Problem.error("spec", "is required"));
    }
    problems.addAll(CrdSchemaValidator.validate(document, CrdSchemas.openApiSchema("hyperbytedbclusters")));
    if (problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR)) {
      return Validated.failed(problems);
    }
    HyperbytedbCluster cluster;
    try {
      cluster = SERIALIZATION.convertValue(document, HyperbytedbCluster.class);
    } catch (RuntimeException e) {
      problems.add(Problem.error("(document)", "cannot be read as a HyperbytedbCluster: " + rootMessage(e)));
      return Validated.failed(problems);
    }
    namespaceOverride.ifPresent(ns -> cluster.getMetadata().setNamespace(ns));
    return Validated.of(cluster, problems);
  }

  /**
   * {@link #readCluster} followed by {@link ClusterSpecFactory#from}. When the schema check finds
   * errors but the document can still be read, the cross-field rules run too, so every problem is
   * reported at once.
   */
  public static Validated<ClusterSpec> readClusterSpec(
      String manifest, Optional<String> namespaceOverride, String clusterDomain) {
    Validated<HyperbytedbCluster> read = readCluster(manifest, namespaceOverride);
    if (read.isValid()) {
      return read.flatMap(c -> ClusterSpecFactory.from(c, clusterDomain));
    }
    Optional<HyperbytedbCluster> lenient = readLeniently(manifest, namespaceOverride);
    if (lenient.isEmpty()) {
      return Validated.failed(read.problems());
    }
    Set<Problem> all = new LinkedHashSet<>(read.problems());
    all.addAll(ClusterSpecFactory.from(lenient.get(), clusterDomain).problems());
    return Validated.failed(new ArrayList<>(all));
  }

  private static Optional<HyperbytedbCluster> readLeniently(String manifest, Optional<String> namespaceOverride) {
    try {
      HyperbytedbCluster cluster = SERIALIZATION.unmarshal(manifest, HyperbytedbCluster.class);
      if (cluster == null || cluster.getMetadata() == null) {
        return Optional.empty();
      }
      namespaceOverride.ifPresent(ns -> cluster.getMetadata().setNamespace(ns));
      return Optional.of(cluster);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
