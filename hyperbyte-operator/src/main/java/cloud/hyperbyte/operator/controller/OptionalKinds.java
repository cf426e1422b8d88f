package cloud.hyperbyte.operator.controller;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ClusterSpecFactory;
import cloud.hyperbyte.model.spec.Validated;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.operator.kube.GenericKinds;
import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.render.ClusterRenderer;
import cloud.hyperbyte.render.RenderedCluster;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which of the kinds that need another project's CRD (ServiceMonitor, PrometheusRule, cert-manager
 * Certificate) a cluster uses: exactly those its render contains, so the answer follows the renderer
 * and not a second reading of the spec.
 */
final class OptionalKinds {

  private OptionalKinds() {}

  /** The generic kinds among the rendered objects. */
  static Set<GenericKinds> renderedIn(RenderedCluster rendered) {
    Set<GenericKinds> kinds = EnumSet.noneOf(GenericKinds.class);
    rendered.objects().forEach(object -> GenericKinds.of(object).ifPresent(kinds::add));
    return kinds;
  }

  /**
   * The clusters whose valid spec renders an object of {@code kind}: those to look at again when that
   * kind's CRD comes or goes. (A cluster that has turned the feature off needs no pass: nothing of
   * that kind is cached for it while the CRD is missing, and the API server deletes its objects with
   * the CRD.)
   */
  static List<ResourceKey> clustersRendering(Collection<HyperbytedbCluster> clusters, GenericKinds kind,
      String clusterDomain) {
    return clusters.stream()
        .filter(cluster -> cluster.getMetadata().getDeletionTimestamp() == null)
        .filter(cluster -> {
          Validated<ClusterSpec> spec = ClusterSpecFactory.from(cluster, clusterDomain);
          return spec.isValid() && renderedIn(ClusterRenderer.render(spec.value().orElseThrow())).contains(kind);
        })
        .map(cluster -> ResourceKey.cluster(cluster.getMetadata().getNamespace(), cluster.getMetadata().getName()))
        .toList();
  }
}
