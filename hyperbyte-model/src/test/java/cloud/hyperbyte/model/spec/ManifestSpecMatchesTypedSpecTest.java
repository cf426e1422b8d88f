package cloud.hyperbyte.model.spec;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.manifest.ManifestDocument;
import cloud.hyperbyte.model.manifest.ManifestDocuments;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reading a manifest's spec gives what the operator's path gives for the cluster it binds to
 * ({@link ClusterSpecFactory#from}, which checks the bound cluster against the schema again), with
 * the same problems, although the manifest path skips that second check where the binding was
 * exact: over the examples and the command line's render corpus, with and without a namespace.
 */
class ManifestSpecMatchesTypedSpecTest {

  private static final Path PROJECT = Path.of(System.getProperty("hyperbyte.project.dir", ".."));

  private static List<ManifestDocument> documents(Path folder) throws IOException {
    List<ManifestDocument> documents = new ArrayList<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        Validated<List<ManifestDocument>> parsed =
            ManifestDocuments.parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        if (parsed.isValid()) {
          parsed.orElseThrow().stream().filter(d -> d.kind().equals(HyperbytedbCluster.KIND)).forEach(documents::add);
        }
      }
    }
    return documents;
  }

  @Test
  void givenEveryReadableClusterExpectTheSpecAndProblemsOfTheTypedPath() throws IOException {
    List<ManifestDocument> documents = new ArrayList<>(documents(PROJECT.resolve("examples")));
    documents.addAll(documents(PROJECT.resolve("hyperbyte-operator/src/test/resources/render-corpus")));
    List<String> differences = new ArrayList<>();
    int compared = 0;
    for (ManifestDocument document : documents) {
      for (Optional<String> namespace : List.of(Optional.<String>empty(), Optional.of("other"))) {
        Validated<HyperbytedbCluster> cluster = ManifestReader.readCluster(document, namespace);
        if (!cluster.isValid()) {
          continue;
        }
        compared++;
        Validated<ClusterSpec> typed = cluster.flatMap(c -> ClusterSpecFactory.from(c, "cluster.local"));
        Validated<ClusterSpec> read = ManifestReader.readClusterSpec(document, namespace, "cluster.local");
        if (!read.problems().equals(typed.problems()) || !read.value().equals(typed.value())) {
          differences.add(document.tree() + ": " + read.problems() + " vs " + typed.problems());
        }
      }
    }

    assertThat(compared).isGreaterThan(100);
    assertThat(differences).isEmpty();
  }
}
