package cloud.hyperbyte.operator.chart;

import static cloud.hyperbyte.operator.chart.RenderedChart.metadata;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.testkit.golden.GoldenFiles;
import cloud.hyperbyte.model.crd.CrdSchemas;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The chart's CRDs are the ones the build generates from the {@code v1alpha1} types: the copies
 * under {@code files/crds/} are byte-identical (rewritten with {@code -Dgolden.update=true}), and
 * rendering them through the chart changes nothing but labels and annotations.
 */
class ChartCrdsTest {

  static final List<String> PLURALS = List.of("hyperbytedbbackups", "hyperbytedbclusters", "hyperbytedbrestores");

  private static Path chartCopy(String plural) {
    String resource = CrdSchemas.resourceName(plural);
    return HelmChart.chartDir().resolve("files/crds").resolve(resource.substring(resource.lastIndexOf('/') + 1));
  }

  @ParameterizedTest
  @FieldSource("PLURALS")
  void chartCopyIsTheGeneratedCrd(String plural) throws IOException {
    GoldenFiles.assertMatches(chartCopy(plural), CrdSchemas.yaml(plural));
  }

  @Test
  void chartHoldsNoOtherCrdFiles() throws IOException {
    try (Stream<Path> files = Files.list(HelmChart.chartDir().resolve("files/crds"))) {
      assertThat(files.map(Path::getFileName).map(Path::toString).sorted())
          .containsExactlyElementsOf(PLURALS.stream().map(p -> chartCopy(p).getFileName().toString()).toList());
    }
  }

  @Test
  void renderedCrdsDifferFromTheGeneratedOnesOnlyInLabelsAndAnnotations() {
    Map<String, Map<String, Object>> rendered = ValueSet.DEFAULTS.render().ofKind("CustomResourceDefinition").stream()
        .collect(Collectors.toMap(crd -> (String) metadata(crd).get("name"), crd -> crd));

    for (String plural : PLURALS) {
      Map<String, Object> generated = load(CrdSchemas.yaml(plural));
      Map<String, Object> chart = rendered.get(CrdSchemas.resourceName(plural).replaceAll(".*/|-v1\\.yml$", ""));

      assertThat(normalized(withoutLabelsAndAnnotations(chart))).as(plural)
          .isEqualTo(normalized(withoutLabelsAndAnnotations(generated)));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(String yaml) {
    return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
  }

  private static Map<String, Object> withoutLabelsAndAnnotations(Map<String, Object> crd) {
    Map<String, Object> metadata = new LinkedHashMap<>(metadata(crd));
    metadata.remove("labels");
    metadata.remove("annotations");
    Map<String, Object> copy = new LinkedHashMap<>(crd);
    copy.put("metadata", metadata);
    return copy;
  }

  /** Numbers compared by value: Helm's fromYaml/toYaml writes 1.0 as 1. */
  private static Object normalized(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, normalized(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ChartCrdsTest::normalized).toList();
    }
    if (value instanceof Number number) {
      return new BigDecimal(number.toString()).stripTrailingZeros();
    }
    return value;
  }
}
