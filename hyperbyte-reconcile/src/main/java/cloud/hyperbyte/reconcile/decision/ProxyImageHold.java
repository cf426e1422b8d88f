package cloud.hyperbyte.reconcile.decision;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ImmutableClusterSpec;
import cloud.hyperbyte.model.spec.ImmutableProxySettings;
import cloud.hyperbyte.model.spec.ProxySettings;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import java.util.Optional;

/**
 * Which proxy image to render while the members roll. By default the proxy's tag follows
 * {@code spec.version}, so a version change would roll the proxy Deployment together with the
 * members; but exclusions live in each proxy pod's memory (contract §10), so a proxy pod started
 * while a member is out knows nothing of it and routes to the member that is about to restart. So
 * while a member rollout is due or under way, a proxy whose image follows the version is rendered
 * with the image its live Deployment runs; it moves to the new version in the first pass after the
 * members are done. A {@code proxy.image} with an explicit tag or digest is the user's own choice
 * and is applied at once (every pass re-excludes the member that is out on every proxy pod, new ones
 * included).
 *
 * <p>Like {@link ClusterModeTransition} this adjusts the spec to render and keeps render pure: the
 * same observation renders the same objects.
 */
public final class ProxyImageHold {

  private ProxyImageHold() {}

  /** {@code spec}, with the proxy image the live Deployment runs when the proxy must wait for the members. */
  public static ClusterSpec specToRender(ClusterSpec spec, ObservedCluster observed) {
    Optional<ProxySettings> proxy = spec.proxy();
    Optional<String> live = observed.proxyImage();
    if (proxy.isEmpty() || live.isEmpty() || !proxy.get().imageFollowsVersion()
        || proxy.get().image().equals(live.get()) || !membersRolling(observed)) {
      return spec;
    }
    return ImmutableClusterSpec.copyOf(spec)
        .withProxy(ImmutableProxySettings.copyOf(proxy.get()).withImage(live.get()));
  }

  /**
   * Whether a member rollout is due or under way: this pass changes the pod template, the
   * StatefulSet has not processed its latest template yet, a pod does not run the update revision,
   * or the remembered upgrade still has a member out.
   */
  static boolean membersRolling(ObservedCluster observed) {
    if (observed.statefulSet().isEmpty()) {
      return false;
    }
    return observed.podTemplatePending()
        || !observed.statefulSetSettled()
        || RollingUpgradeDecision.due(observed, LifecycleMemory.from(observed.lastStatus()));
  }
}
