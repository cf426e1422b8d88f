package cloud.hyperbyte.model.crd;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.kube.KubernetesJson;
import cloud.hyperbyte.model.manifest.ManifestDocument;
import cloud.hyperbyte.model.manifest.ManifestDocuments;
import cloud.hyperbyte.model.spec.Validated;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * TreeNodes converts as the mapper converts, node type for node type and value class for value
 * class: the CRD schemas as read, every document of the examples and the render corpus both ways,
 * and numbers of every width with nulls in maps and lists.
 */
class TreeNodesTest {

  private static final Path PROJECT = Path.of(System.getProperty("hyperbyte.project.dir", ".."));

  /** A value with the class of every part, so that 1 and 1L differ. */
  private static String typed(Object value) {
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream().map(e -> e.getKey() + "=" + typed(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    if (value instanceof List<?> list) {
      return list.stream().map(TreeNodesTest::typed).collect(Collectors.joining(", ", "[", "]"));
    }
    return value == null ? "null" : value + ":" + value.getClass().getSimpleName();
  }

  private static void assertConvertsAsTheMapper(Object tree) {
    JsonNode node = TreeNodes.node(tree);
    assertThat(node).isEqualTo(KubernetesJson.SERIALIZATION.convertValue(tree, JsonNode.class));
    assertThat(typed(TreeNodes.plain(node)))
        .isEqualTo(typed(KubernetesJson.SERIALIZATION.convertValue(node, Object.class)));
  }

  @Test
  void givenEachCrdSchemaExpectTheMappersTree() throws IOException {
    for (String plural : List.of("hyperbytedbclusters", "hyperbytedbbackups", "hyperbytedbrestores")) {
      String resource = CrdSchemas.schemaResourceName(plural);
      try (InputStream ours = getClass().getClassLoader().getResourceAsStream(resource);
          InputStream mappers = getClass().getClassLoader().getResourceAsStream(resource)) {
        JsonNode read = TreeNodes.read(ours);
        assertThat(read).isEqualTo(KubernetesJson.SERIALIZATION.unmarshal(mappers, JsonNode.class));
        assertThat(read.path("properties").size()).isPositive();
      }
    }
  }

  @Test
  void givenEveryManifestDocumentExpectTheMappersConversionsBothWays() throws IOException {
    List<Map<String, Object>> trees = new ArrayList<>();
    for (Path folder : List.of(PROJECT.resolve("examples"), PROJECT.resolve("hyperbyte-operator/src/test/resources"))) {
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
          Validated<List<ManifestDocument>> parsed =
              ManifestDocuments.parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
          if (parsed.isValid()) {
            parsed.orElseThrow().forEach(document -> trees.add(document.tree()));
          }
        }
      }
    }

    assertThat(trees).hasSizeGreaterThan(150);
    trees.forEach(TreeNodesTest::assertConvertsAsTheMapper);
  }

  @Test
  void givenNumbersOfEveryWidthAndNullsExpectTheMappersConversionsBothWays() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("int", 7);
    tree.put("smallLong", 7L);
    tree.put("long", 10_000_000_000L);
    tree.put("big", new BigInteger("123456789012345678901234567890"));
    tree.put("double", 1.5);
    tree.put("wholeDouble", 2.0);
    tree.put("null", null);
    tree.put("list", Arrays.asList(null, true, "text", List.of(), Map.of()));

    assertConvertsAsTheMapper(tree);
  }
}
