package cloud.hyperbyte.render.bench;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.render.ClusterRenderer;
import cloud.hyperbyte.render.RenderedCluster;
import cloud.hyperbyte.render.TestSpecs;
import cloud.hyperbyte.render.yaml.YamlWriter;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times rendering a three-node cluster (objects only, and objects plus YAML) with warm-up and
 * repeated batches. Not a test: run it by hand (see the module README). Arguments: warm-up
 * batches, measured batches, renders per batch (defaults 20, 30, 200).
 */
public final class RenderBenchmark {

  private RenderBenchmark() {}

  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int batches = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int perBatch = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    ClusterSpec spec = TestSpecs.threeNode();
    RenderedCluster sample = ClusterRenderer.render(spec);
    String yaml = YamlWriter.write(sample.objects());
    System.out.printf(
        Locale.ROOT, "three-node: %d objects, %d bytes of YAML%n", sample.objects().size(), yaml.length());
    sample.objects().forEach(o -> System.out.println("  " + o.getKind() + "/" + o.getMetadata().getName()));

    report("render", measure(warmup, batches, perBatch, () -> ClusterRenderer.render(spec).objects().size()));
    report(
        "render+yaml",
        measure(warmup, batches, perBatch, () -> YamlWriter.write(ClusterRenderer.render(spec).objects()).length()));
  }

  private static double[] measure(int warmup, int batches, int perBatch, Work work) {
    long sink = 0;
    for (int i = 0; i < warmup * perBatch; i++) {
      sink += work.run();
    }
    double[] microsPerRender = new double[batches];
    for (int b = 0; b < batches; b++) {
      long start = System.nanoTime();
      for (int i = 0; i < perBatch; i++) {
        sink += work.run();
      }
      microsPerRender[b] = (System.nanoTime() - start) / 1_000.0 / perBatch;
    }
    if (sink == 42) {
      System.out.println("(unlikely sink value)");
    }
    return microsPerRender;
  }

  private static void report(String name, double[] micros) {
    double[] sorted = micros.clone();
    Arrays.sort(sorted);
    double mean = Arrays.stream(sorted).average().orElse(0);
    System.out.printf(
        Locale.ROOT,
        "%-12s mean %8.1f us  median %8.1f us  min %8.1f us  max %8.1f us  (%d batches)%n",
        name, mean, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], sorted.length);
  }

  @FunctionalInterface
  private interface Work {
    long run();
  }
}
