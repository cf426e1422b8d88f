package cloud.hyperbyte.render;

import cloud.hyperbyte.model.manifest.ManifestDocument;
import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ClusterSpecFactory;
import cloud.hyperbyte.model.spec.ManifestReader;
import cloud.hyperbyte.model.spec.Problem;
import cloud.hyperbyte.model.spec.Validated;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.render.yaml.YamlWriter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;

/**
 * The embedding entry point: a HyperbytedbCluster (manifest text or object) in, either every problem
 * with its field path or the exact objects the operator would apply, as objects and as
 * deterministic YAML. Validation and defaults are the ones the operator applies, so a tool that
 * renders here sees what {@code kubectl apply} would produce.
 */
public final class HyperbyteRender {

  /** The cluster domain Kubernetes uses unless configured otherwise. */
  public static final String DEFAULT_CLUSTER_DOMAIN = "cluster.local";

  private HyperbyteRender() {}

  /** Renders a manifest with its own namespace and the default cluster domain. */
  public static Result fromManifest(String manifest) {
    return fromManifest(manifest, Optional.empty(), DEFAULT_CLUSTER_DOMAIN);
  }

  /**
   * Renders a manifest.
   *
   * @param manifest YAML or JSON of one HyperbytedbCluster
   * @param namespace replaces {@code metadata.namespace} when present
   * @param clusterDomain DNS domain of the Kubernetes cluster (member addresses, certificates)
   */
  public static Result fromManifest(String manifest, Optional<String> namespace, String clusterDomain) {
    return render(ManifestReader.readClusterSpec(manifest, namespace, clusterDomain));
  }

  /**
   * Renders one document of a manifest that may hold several (see {@link
   * cloud.hyperbyte.model.manifest.ManifestDocuments#parse}).
   */
  public static Result fromDocument(ManifestDocument document, Optional<String> namespace, String clusterDomain) {
    return render(ManifestReader.readClusterSpec(document, namespace, clusterDomain));
  }

  /** Renders a cluster object built in code. */
  public static Result fromResource(HyperbytedbCluster cluster, String clusterDomain) {
    return render(ClusterSpecFactory.from(cluster, clusterDomain));
  }

  private static Result render(Validated<ClusterSpec> spec) {
    if (!spec.isValid()) {
      return new Result(spec.problems(), Optional.empty());
    }
    return new Result(spec.problems(), Optional.of(ClusterRenderer.render(spec.orElseThrow())));
  }

  /** Problems found in the input and, when there is no error among them, the rendered cluster. */
  public static final class Result {

    private final List<Problem> problems;
    private final Optional<RenderedCluster> rendered;

    private Result(List<Problem> problems, Optional<RenderedCluster> rendered) {
      this.problems = List.copyOf(problems);
      this.rendered = rendered;
    }

    /** Whether the input had no errors (it may still have warnings). */
    public boolean isValid() {
      return rendered.isPresent();
    }

    /** Every error and warning, each with its field path. */
    public List<Problem> problems() {
      return problems;
    }

    /** The rendered objects in apply order; fails when the input was invalid. */
    public List<HasMetadata> objects() {
      return rendered().objects();
    }

    /** The rendered objects as multi-document YAML, byte-identical for equal input. */
    public String yaml() {
      return YamlWriter.write(objects());
    }

    /** The rendered cluster; fails with every problem when the input was invalid. */
    public RenderedCluster rendered() {
      return rendered.orElseThrow(() -> new IllegalStateException("the cluster is invalid: "
          + String.join("; ", problems.stream().map(Problem::describe).toList())));
    }
  }
}
