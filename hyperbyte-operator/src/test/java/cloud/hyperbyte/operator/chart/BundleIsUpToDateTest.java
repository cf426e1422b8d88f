package cloud.hyperbyte.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.testkit.golden.GoldenFiles;
import org.junit.jupiter.api.Test;

/** {@code dist/install.yaml} is the chart rendered with default values; regenerate with {@code -Dgolden.update=true}. */
class BundleIsUpToDateTest {

  @Test
  void committedBundleIsAFreshRenderOfTheChart() {
    String bundle = HelmChart.bundle();

    GoldenFiles.assertMatches(HelmChart.bundlePath(), bundle);
  }

  @Test
  void bundleCreatesItsNamespaceFirst() {
    RenderedChart bundle = new RenderedChart(HelmChart.bundle());

    assertThat(bundle.kindsAndNames().get(0)).isEqualTo("Namespace/" + HelmChart.NAMESPACE);
    assertThat(bundle.objects()).allSatisfy(object -> {
      Object namespace = RenderedChart.metadata(object).get("namespace");
      assertThat(namespace).isIn(null, HelmChart.NAMESPACE);
    });
  }
}
