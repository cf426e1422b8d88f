package cloud.hyperbyte.reconcile.apply;

import cloud.hyperbyte.model.spec.ImmutableAutoscalingSettings;
import cloud.hyperbyte.model.spec.ImmutableClusterSpec;
import cloud.hyperbyte.model.spec.ImmutableMonitoringSettings;
import cloud.hyperbyte.model.spec.ImmutableProxySettings;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Seeded random variations of one cluster: member count, optional objects on and off, pod
 * annotations and labels added and removed, tolerations, resources in canonical and non-canonical
 * quantity forms, image versions. Two specs drawn for the same base describe the same cluster
 * before and after an edit.
 */
final class RandomClusters {

  private static final List<String> CPU = List.of("0.5", "500m", "1", "1500m", "2");
  private static final List<String> MEMORY = List.of("1Gi", "1024Mi", "8Gi", "512Mi");
  private static final List<String> VERSIONS = List.of("0.8.4", "0.8.5");

  private RandomClusters() {}

  /** A random variant of {@link Clusters#allFeatures()} or, one time in six, of {@link Clusters#certManagerTls()}. */
  static ImmutableClusterSpec base(Random random) {
    return random.nextInt(6) == 0 ? Clusters.certManagerTls() : Clusters.allFeatures();
  }

  /** A random edit of {@code base}. */
  static ImmutableClusterSpec variant(ImmutableClusterSpec base, Random random) {
    boolean tls = base.server().tls().issuer().isPresent();
    ImmutableClusterSpec spec = base
        .withVersion(pick(random, VERSIONS))
        .withImage("ghcr.io/hyperbyte-cloud/hyperbytedb:" + pick(random, VERSIONS))
        .withPodAnnotations(someOf(random, Map.of("team", "payments", "sidecar.istio.io/inject", "false", "owner", "sre")))
        .withPodLabels(someOf(random, Map.of("tier", "storage", "env", "prod")))
        .withResources(new ResourceRequirementsBuilder()
            .addToRequests("cpu", new Quantity(pick(random, CPU)))
            .addToLimits("memory", new Quantity(pick(random, MEMORY)))
            .build())
        .withTolerations(random.nextBoolean()
            ? List.of()
            : List.of(new TolerationBuilder().withKey("dedicated").withOperator("Equal").withValue("db")
                .withEffect("NoSchedule").build()))
        .withMonitoring(ImmutableMonitoringSettings.copyOf(base.monitoring())
            .withScrapeAnnotations(random.nextBoolean())
            .withServiceMonitor(random.nextBoolean())
            .withPrometheusRule(random.nextBoolean())
            .withGrafanaDashboard(random.nextBoolean()));
    if (tls) {
      return random.nextBoolean() ? spec : spec.withServer(Clusters.withoutTls(spec.server()));
    }
    int replicas = 1 + random.nextInt(7);
    spec = spec.withReplicas(replicas)
        .withAutoscaling(random.nextBoolean()
            ? Optional.empty()
            : Optional.of(ImmutableAutoscalingSettings.builder().minReplicas(1).maxReplicas(replicas + random.nextInt(3))
                .targetCpuUtilizationPercentage(50 + random.nextInt(40)).build()));
    return spec.withProxy(random.nextBoolean() || base.proxy().isEmpty()
        ? Optional.empty()
        : Optional.of(ImmutableProxySettings.copyOf(base.proxy().get()).withReplicas(1 + random.nextInt(3))
            .withResources(new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity(pick(random, CPU))).build())));
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static Map<String, String> someOf(Random random, Map<String, String> all) {
    Map<String, String> chosen = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>(all.keySet());
    keys.sort(null);
    for (String key : keys) {
      if (random.nextBoolean()) {
        chosen.put(key, all.get(key));
      }
    }
    return chosen;
  }
}
