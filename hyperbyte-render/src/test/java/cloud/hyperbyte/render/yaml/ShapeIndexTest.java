package cloud.hyperbyte.render.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ManifestReader;
import cloud.hyperbyte.model.spec.Validated;
import cloud.hyperbyte.render.ClusterRenderer;
import cloud.hyperbyte.render.RandomSpecs;
import cloud.hyperbyte.render.SpecVariants;
import cloud.hyperbyte.testkit.golden.GoldenFiles;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed shape index is what the model classes' annotations give today for every class the
 * renders of the examples, the command line's render corpus and the spec variants reach; its shapes
 * are the ones {@link Shape#of} computes; and YAML written through it alone is, byte for byte, the
 * YAML written from the annotations.
 */
class ShapeIndexTest {

  private static final Path PROJECT = Path.of(System.getProperty("hyperbyte.project.dir", ".."));
  private static final Path INDEX_FILE =
      PROJECT.resolve("hyperbyte-render/src/main/resources/cloud/hyperbyte/render/yaml/" + ShapeIndex.RESOURCE);
  private static final String HEADER = "# PlainTree's shapes of every class the renders of the examples, the render corpus and the\n"
      + "# spec variants reach, from their Jackson annotations (ShapeIndex.write); ShapeIndexTest fails\n"
      + "# when they differ. Regenerate: mvn -B verify -D" + GoldenFiles.UPDATE_PROPERTY + "=true\n";
  private static final long SEED = 20261208L;

  @Test
  void givenTheRenderedClassesAnnotationsExpectTheCommittedIndex() throws IOException {
    Set<Class<?>> roots = new TreeSet<>(Comparator.comparing(Class::getName));
    for (ClusterSpec spec : specs()) {
      ClusterRenderer.render(spec).objects().forEach(object -> roots.add(object.getClass()));
    }

    GoldenFiles.assertMatches(INDEX_FILE, ShapeIndex.write(roots, HEADER));
  }

  @Test
  void givenEveryIndexedClassExpectTheShapeItsAnnotationsGive() throws ReflectiveOperationException {
    ShapeIndex index = ShapeIndex.load();

    assertThat(index.classNames()).contains("io.fabric8.kubernetes.api.model.apps.StatefulSet").hasSizeGreaterThan(20);
    for (String name : index.classNames()) {
      Class<?> type = Class.forName(name);
      assertThat(index.indexedShape(type)).as(name).isEqualTo(Shape.of(type));
    }
  }

  @Test
  void givenTheRendersExpectTheIndexAloneToWriteTheBytesOfTheAnnotations() throws IOException {
    PlainTree indexOnly = new PlainTree(ShapeIndexTest::jackson, ShapeIndex.load().strict());
    PlainTree annotations = new PlainTree(ShapeIndexTest::jackson, ShapeIndex.empty());
    List<ClusterSpec> specs = specs();
    specs.addAll(new RandomSpecs(SEED).draw(100));

    int objects = 0;
    for (ClusterSpec spec : specs) {
      for (HasMetadata object : ClusterRenderer.render(spec).objects()) {
        assertThat(YamlWriter.write(object, indexOnly)).isEqualTo(YamlWriter.write(object, annotations));
        objects++;
      }
    }
    assertThat(objects).isGreaterThan(1000);
  }

  private static Object jackson(Object value) {
    return YamlWriter.Jackson.SORTED.convertValue(value, Object.class);
  }

  /** The specs of the examples and of the render corpus's manifests that are valid, and the spec variants. */
  private static List<ClusterSpec> specs() throws IOException {
    List<ClusterSpec> specs = new ArrayList<>();
    for (String folder : List.of("examples", "hyperbyte-operator/src/test/resources/render-corpus")) {
      try (Stream<Path> files = Files.walk(PROJECT.resolve(folder))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
          Validated<ClusterSpec> spec = ManifestReader.readClusterSpec(
              new String(Files.readAllBytes(file), StandardCharsets.UTF_8), Optional.empty(), "cluster.local");
          spec.value().filter(s -> spec.isValid()).ifPresent(specs::add);
        }
      }
    }
    specs.addAll(SpecVariants.all().values());
    return specs;
  }
}
