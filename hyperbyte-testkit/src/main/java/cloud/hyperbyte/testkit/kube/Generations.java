package cloud.hyperbyte.testkit.kube;

import java.util.Set;

/**
 * Which kinds carry {@code metadata.generation}: a real server sets it only where the kind's
 * registry strategy does ({@code PrepareForCreate} sets 1, {@code PrepareForUpdate} bumps it on spec
 * changes), i.e. workloads, policy objects and every custom resource; ConfigMaps, Secrets,
 * Services, PVCs and most other core kinds have none. Deployments also count annotation changes
 * ({@code deploymentStrategy.PrepareForUpdate}, {@code pkg/registry/apps/deployment/strategy.go}).
 */
final class Generations {

  private static final Set<String> BUILT_IN_WITH_GENERATION = Set.of(
      "statefulsets", "deployments", "daemonsets", "replicasets", "replicationcontrollers", "jobs", "cronjobs",
      "poddisruptionbudgets", "networkpolicies", "ingresses", "customresourcedefinitions", "pods",
      "validatingwebhookconfigurations", "mutatingwebhookconfigurations", "validatingadmissionpolicies");

  private Generations() {}

  /** Whether objects at this REST path carry a generation. */
  static boolean tracked(String path) {
    if (!ApiPaths.isBuiltInGroup(path)) {
      return true;
    }
    return BUILT_IN_WITH_GENERATION.contains(ResourcePath.parse(path).resource());
  }

  /** Whether annotation changes also bump the generation (Deployments). */
  static boolean countsAnnotations(String path) {
    return ApiPaths.isBuiltInGroup(path) && ResourcePath.parse(path).resource().equals("deployments");
  }
}
