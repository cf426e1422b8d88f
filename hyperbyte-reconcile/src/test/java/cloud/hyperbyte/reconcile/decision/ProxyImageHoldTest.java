package cloud.hyperbyte.reconcile.decision;

import static cloud.hyperbyte.reconcile.decision.Scenario.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ImmutableClusterSpec;
import cloud.hyperbyte.model.v1alpha1.ProxySpec;
import cloud.hyperbyte.reconcile.snapshot.ImmutableObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.TestClusters;
import cloud.hyperbyte.render.ClusterRenderer;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Given the members' rollout and the live proxy Deployment, which proxy image is rendered. */
class ProxyImageHoldTest {

  private static final String PROXY = "ghcr.io/hyperbyte-cloud/hyperbytedb-proxy";

  /** A spec at {@code version} whose proxy image is {@code image} (null: the default, following the version). */
  private static ImmutableClusterSpec spec(String version, String image) {
    return TestClusters.spec(3, s -> {
      s.setVersion(version);
      ProxySpec proxy = new ProxySpec();
      proxy.setEnabled(true);
      proxy.setImage(image);
      s.setProxy(proxy);
    });
  }

  /** Scenario {@code scenario} for {@code spec}, with a live proxy Deployment running {@code liveProxyImage}. */
  private static ObservedCluster observe(Scenario scenario, ImmutableClusterSpec spec, String liveProxyImage) {
    ObservedCluster observed = scenario.spec(s -> spec).build();
    return ImmutableObservedCluster.copyOf(observed).withProxyDeployment(proxyDeployment(liveProxyImage));
  }

  private static Deployment proxyDeployment(String image) {
    return new DeploymentBuilder().withNewMetadata().withName("db-proxy").endMetadata()
        .withNewSpec().withNewTemplate().withNewSpec()
        .addNewContainer().withName("proxy").withImage(image).endContainer()
        .endSpec().endTemplate().endSpec().build();
  }

  /** The live StatefulSet of {@code observed} with the pod template render made for {@code spec}. */
  private static ObservedCluster withLiveTemplateOf(ObservedCluster observed, ClusterSpec spec) {
    StatefulSet rendered = ClusterRenderer.render(spec).objects().stream().filter(StatefulSet.class::isInstance)
        .map(StatefulSet.class::cast).findFirst().orElseThrow();
    StatefulSet live = new StatefulSetBuilder(observed.statefulSet().orElseThrow())
        .editSpec().withTemplate(rendered.getSpec().getTemplate()).endSpec().build();
    return ImmutableObservedCluster.copyOf(observed).withStatefulSet(live);
  }

  private static String proxyImage(ClusterSpec spec) {
    return spec.proxy().orElseThrow().image();
  }

  @Test
  void givenAVersionChangeThisPassAppliesToTheStatefulSetTheProxyKeepsItsLiveImage() {
    ImmutableClusterSpec spec = spec("0.8.6", null);
    ObservedCluster observed = withLiveTemplateOf(observe(Scenario.running(3), spec, PROXY + ":0.8.5"),
        spec("0.8.5", null));

    assertThat(observed.podTemplatePending()).isTrue();
    assertThat(proxyImage(ProxyImageHold.specToRender(spec, observed))).isEqualTo(PROXY + ":0.8.5");
  }

  @Test
  void givenMembersStillOnTheOldRevisionTheProxyKeepsItsLiveImage() {
    ImmutableClusterSpec spec = spec("0.8.6", null);
    ObservedCluster observed = observe(Scenario.running(3).newTemplate().podRevision(2, "r2"), spec, PROXY + ":0.8.5");

    assertThat(proxyImage(ProxyImageHold.specToRender(spec, observed))).isEqualTo(PROXY + ":0.8.5");
  }

  @Test
  void givenTheLastMemberOnTheNewRevisionButNotBackYetTheProxyKeepsItsLiveImage() {
    ImmutableClusterSpec spec = spec("0.8.6", null);
    LifecycleMemory lastOut = LifecycleMemory.empty().withUpgrade(Optional.of(new UpgradeProgress("r1",
        OptionalInt.of(0), Optional.of(UpgradeStep.REJOINING), NOW, List.of(2, 1))));
    ObservedCluster observed = observe(Scenario.running(3).notReady(0).remembering(lastOut), spec, PROXY + ":0.8.5");

    assertThat(proxyImage(ProxyImageHold.specToRender(spec, observed))).isEqualTo(PROXY + ":0.8.5");
  }

  @Test
  void givenAStatefulSetTheControllerHasNotProcessedYetTheProxyKeepsItsLiveImage() {
    ImmutableClusterSpec spec = spec("0.8.6", null);
    ObservedCluster observed = observe(Scenario.running(3), spec, PROXY + ":0.8.5");
    StatefulSet unsettled = new StatefulSetBuilder(observed.statefulSet().orElseThrow())
        .editMetadata().withGeneration(3L).endMetadata().build();

    ClusterSpec rendered = ProxyImageHold.specToRender(spec,
        ImmutableObservedCluster.copyOf(observed).withStatefulSet(unsettled));

    assertThat(proxyImage(rendered)).isEqualTo(PROXY + ":0.8.5");
  }

  @Test
  void onceEveryMemberRunsTheNewRevisionAndIsBackTheProxyMovesToTheNewVersion() {
    ImmutableClusterSpec spec = spec("0.8.6", null);
    LifecycleMemory finished = LifecycleMemory.empty().withUpgrade(Optional.of(
        new UpgradeProgress("r1", OptionalInt.empty(), Optional.empty(), NOW, List.of(2, 1, 0))));
    ObservedCluster observed = withLiveTemplateOf(observe(Scenario.running(3).remembering(finished), spec,
        PROXY + ":0.8.5"), spec);

    assertThat(ProxyImageHold.specToRender(spec, observed)).isSameAs(spec);
    assertThat(proxyImage(spec)).isEqualTo(PROXY + ":0.8.6");
  }

  @Test
  void anExplicitlyTaggedProxyImageIsAppliedAtOnceEvenWhileMembersRoll() {
    ImmutableClusterSpec spec = spec("0.8.6", PROXY + ":0.8.6-hotfix");
    ObservedCluster observed = observe(Scenario.running(3).newTemplate(), spec, PROXY + ":0.8.5");

    assertThat(ProxyImageHold.specToRender(spec, observed)).isSameAs(spec);
  }

  @Test
  void aProxyImageNamingOnlyARepositoryFollowsTheVersionAndWaits() {
    ImmutableClusterSpec spec = spec("0.8.6", "registry.local/proxy");
    ObservedCluster observed = observe(Scenario.running(3).newTemplate(), spec, "registry.local/proxy:0.8.5");

    assertThat(proxyImage(ProxyImageHold.specToRender(spec, observed))).isEqualTo("registry.local/proxy:0.8.5");
  }

  @Test
  void aProxyWithoutALiveDeploymentIsRenderedAsTheSpecSays() {
    ImmutableClusterSpec spec = spec("0.8.6", null);
    ObservedCluster observed = ImmutableObservedCluster.copyOf(observe(Scenario.running(3).newTemplate(), spec, "x"))
        .withProxyDeployment(Optional.empty());

    assertThat(ProxyImageHold.specToRender(spec, observed)).isSameAs(spec);
  }

  @Test
  void onlyTheProxyImageIsHeldTheRestOfTheSpecRendersAsAsked() {
    ImmutableClusterSpec spec = spec("0.8.6", null);
    ObservedCluster observed = observe(Scenario.running(3).newTemplate(), spec, PROXY + ":0.8.5");

    ClusterSpec rendered = ProxyImageHold.specToRender(spec, observed);

    assertThat(rendered.image()).isEqualTo(spec.image());
    assertThat(rendered.version()).isEqualTo("0.8.6");
    assertThat(rendered.proxy().orElseThrow().replicas()).isEqualTo(spec.proxy().orElseThrow().replicas());
  }
}
