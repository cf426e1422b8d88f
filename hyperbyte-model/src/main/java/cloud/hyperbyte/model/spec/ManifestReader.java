package cloud.hyperbyte.model.spec;

import cloud.hyperbyte.model.crd.CrdSchemaValidator;
import cloud.hyperbyte.model.crd.CrdSchemas;
import cloud.hyperbyte.model.crd.StructuralPruner;
import cloud.hyperbyte.model.kube.KubernetesJson;
import cloud.hyperbyte.model.kube.PlainBinding;
import cloud.hyperbyte.model.manifest.ManifestDocument;
import cloud.hyperbyte.model.manifest.ManifestDocuments;
import cloud.hyperbyte.model.manifest.ManifestText;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a HyperbytedbCluster manifest (YAML or JSON, see {@link ManifestDocuments}) the way the API
 * server would accept it: checks apiVersion and kind, prunes and defaults the document against the
 * generated CRD's structural schema ({@link StructuralPruner}: pruned fields become warnings), checks
 * it against that schema (wrong values become errors), then hands the typed resource to {@link
 * ClusterSpecFactory}. Every problem is reported at once.
 */
public final class ManifestReader {


  private ManifestReader() {}

  /**
   * Parses and validates a manifest holding exactly one cluster.
   *
   * @param manifest YAML or JSON text of one HyperbytedbCluster
   * @param namespaceOverride replaces {@code metadata.namespace} when present
   */
  public static Validated<HyperbytedbCluster> readCluster(String manifest, Optional<String> namespaceOverride) {
    Validated<ManifestDocument> document = single(manifest);
    return document.isValid() ? readCluster(document.orElseThrow(), namespaceOverride) : Validated.failed(document.problems());
  }

  /** Validates one document already read from a manifest (see {@link ManifestDocuments#parse}). */
  public static Validated<HyperbytedbCluster> readCluster(ManifestDocument document, Optional<String> namespaceOverride) {
    Validated<Typed> read = read(document, namespaceOverride);
    return read.isValid() ? Validated.of(read.orElseThrow().cluster(), read.problems()) : Validated.failed(read.problems());
  }

  private static Validated<Typed> read(ManifestDocument document, Optional<String> namespaceOverride) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Object> tree = document.tree();
    if (!HyperbytedbCluster.API_VERSION.equals(tree.get("apiVersion"))) {
      problems.add(Problem.error("apiVersion", "must be " + HyperbytedbCluster.API_VERSION + ", got " + tree.get("apiVersion")));
    }
    if (!HyperbytedbCluster.KIND.equals(tree.get("kind"))) {
      problems.add(Problem.error("kind", "must be " + HyperbytedbCluster.KIND + ", got " + tree.get("kind")));
    }
    if (tree.get("metadata") != null && !(tree.get("metadata") instanceof Map)) {
      problems.add(Problem.error("metadata", "must be an object"));
    }
    JsonNode schema = CrdSchemas.openApiSchemaNode("hyperbytedbclusters");
    StructuralPruner.Pruned pruned = StructuralPruner.prune(tree, schema);
    problems.addAll(pruned.warnings());
    problems.addAll(CrdSchemaValidator.validate(pruned.document(), schema));
    if (problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR)) {
      return Validated.failed(problems);
    }
    try {
      return Validated.of(typed(pruned.document(), namespaceOverride), problems);
    } catch (RuntimeException e) {
      problems.add(conversionProblem(e));
      return Validated.failed(problems);
    }
  }

  /**
   * {@link #readCluster(String, Optional)} followed by {@link ClusterSpecFactory#from}. When the
   * schema check finds errors but the document can still be read, the cross-field rules run too, so
   * every problem is reported at once.
   */
  public static Validated<ClusterSpec> readClusterSpec(
      String manifest, Optional<String> namespaceOverride, String clusterDomain) {
    Validated<ManifestDocument> document = single(manifest);
    return document.isValid()
        ? readClusterSpec(document.orElseThrow(), namespaceOverride, clusterDomain)
        : Validated.failed(document.problems());
  }

  /** {@link #readClusterSpec(String, Optional, String)} for one document already read from a manifest. */
  public static Validated<ClusterSpec> readClusterSpec(
      ManifestDocument document, Optional<String> namespaceOverride, String clusterDomain) {
    Validated<Typed> read = read(document, namespaceOverride);
    if (read.isValid()) {
      // a cluster bound exactly from the document just checked would pass the same check again
      return read.flatMap(typed -> typed.exact()
          ? ClusterSpecFactory.fromChecked(typed.cluster(), clusterDomain)
          : ClusterSpecFactory.from(typed.cluster(), clusterDomain));
    }
    Optional<HyperbytedbCluster> lenient = readLeniently(document, namespaceOverride);
    if (lenient.isEmpty()) {
      return Validated.failed(read.problems());
    }
    Set<Problem> all = new LinkedHashSet<>(read.problems());
    all.addAll(crossFieldProblems(lenient.get(), clusterDomain));
    return Validated.failed(new ArrayList<>(all));
  }

  /**
   * The factory's problems with a document the schema already refused. Its rules expect values the
   * schema admits (no null list items, for one), so a rule that trips over such a value adds nothing:
   * the schema error already names the field.
   */
  private static List<Problem> crossFieldProblems(HyperbytedbCluster lenient, String clusterDomain) {
    try {
      return ClusterSpecFactory.from(lenient, clusterDomain).problems();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private static Validated<ManifestDocument> single(String manifest) {
    Validated<List<ManifestDocument>> documents = ManifestDocuments.parse(manifest);
    if (!documents.isValid()) {
      return Validated.failed(documents.problems());
    }
    List<ManifestDocument> all = documents.orElseThrow();
    if (all.size() != 1) {
      return Validated.failed(List.of(Problem.error(ManifestText.INPUT_PATH,
          "holds " + all.size() + " objects; exactly one HyperbytedbCluster is expected here")));
    }
    return Validated.of(all.get(0), documents.problems());
  }

  /**
   * A bound cluster; exact when every value came over as it was (no Jackson coercion, no null that
   * serializing the cluster would drop), so that the cluster as a document is the one bound.
   */
  private record Typed(HyperbytedbCluster cluster, boolean exact) {}

  private static Typed typed(Map<String, Object> tree, Optional<String> namespaceOverride) {
    // Jackson only for what the plain binding cannot vouch for: it binds the same, and fails the same
    Optional<HyperbytedbCluster> plain = PlainBinding.bind(tree, HyperbytedbCluster.class);
    HyperbytedbCluster cluster =
        plain.orElseGet(() -> KubernetesJson.SERIALIZATION.convertValue(tree, HyperbytedbCluster.class));
    if (cluster.getMetadata() == null) {
      cluster.setMetadata(new ObjectMeta());
    }
    namespaceOverride.ifPresent(ns -> cluster.getMetadata().setNamespace(ns));
    return new Typed(cluster, plain.isPresent() && !holdsNull(tree));
  }

  private static boolean holdsNull(Object value) {
    if (value instanceof Map<?, ?> map) {
      return map.values().stream().anyMatch(v -> v == null || holdsNull(v));
    }
    if (value instanceof List<?> list) {
      return list.stream().anyMatch(v -> v == null || holdsNull(v));
    }
    return false;
  }

  private static Optional<HyperbytedbCluster> readLeniently(ManifestDocument document, Optional<String> namespaceOverride) {
    if (document.tree().get("metadata") != null && !(document.tree().get("metadata") instanceof Map)) {
      return Optional.empty();
    }
    try {
      Map<String, Object> pruned =
          StructuralPruner.prune(document.tree(), CrdSchemas.openApiSchemaNode("hyperbytedbclusters")).document();
      return Optional.of(typed(pruned, namespaceOverride).cluster());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The field a value the schema let through still could not be bound to, without Java type names. */
  private static Problem conversionProblem(Throwable e) {
    Throwable cause = e;
    while (cause != null && !(cause instanceof JacksonException)) {
      cause = cause.getCause() == cause ? null : cause.getCause();
    }
    String path = "(document)";
    if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
      StringBuilder built = new StringBuilder();
      for (JacksonException.Reference ref : jackson.getPath()) {
        if (ref.getPropertyName() != null) {
          built.append(built.length() == 0 ? "" : ".").append(ref.getPropertyName());
        } else if (ref.getIndex() >= 0) {
          built.append('[').append(ref.getIndex()).append(']');
        }
      }
      path = built.toString();
    }
    return Problem.error(path, "has a value of the wrong type or out of range for this field");
  }
}
