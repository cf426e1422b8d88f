package cloud.hyperbyte.operator.chart;

import cloud.hyperbyte.testkit.golden.GoldenFiles;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The default render, reviewed as a diff whenever the chart changes; regenerate with
 * {@code -Dgolden.update=true}. The CRD documents are left out: {@link ChartCrdsTest} holds them
 * equal to the generated CRDs, and {@code dist/install.yaml} holds the complete render.
 */
class DefaultRenderGoldenTest {

  private static final String CRD_SOURCE = "# Source: hyperbytedb-operator/templates/crds/";

  @Test
  void defaultRenderMatchesTheGoldenFile() {
    String withoutCrds = Arrays.stream(HelmChart.template(Map.of()).split("(?m)^---\n"))
        .filter(document -> !document.isBlank() && !document.startsWith(CRD_SOURCE))
        .map(document -> "---\n" + document)
        .collect(Collectors.joining());

    GoldenFiles.assertMatches(HelmChart.projectDir().resolve(
        "hyperbyte-operator/src/test/resources/chart/default-values.yaml"), withoutCrds);
  }
}
