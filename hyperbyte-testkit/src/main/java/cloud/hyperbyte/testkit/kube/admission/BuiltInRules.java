package cloud.hyperbyte.testkit.kube.admission;

import java.util.List;

/**
 * The admission steps for built-in kinds that the simulated API server runs by default, in order:
 * defaulting that changes what the rules compare first, then metadata rules, then the per-kind
 * immutable-field rules. Each step names its upstream source; the testkit README lists them.
 */
public final class BuiltInRules {

  private BuiltInRules() {}

  /** Every built-in rule, in the order the server should run them. */
  public static List<AdmissionStep> all() {
    return List.of(
        new SecretDefaults(),
        new ObjectMetaUpdateRule(),
        new StatefulSetUpdateRule(),
        new StatefulSetUpdateStrategyRule(),
        new DeploymentSelectorRule(),
        new ServiceClusterIpRule(),
        new DisruptionBudgetRule(),
        new ImmutableDataRule(),
        new PodUpdateRule(),
        new JobUpdateRule());
  }
}
