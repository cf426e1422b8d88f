package cloud.hyperbyte.operator.cli;

import cloud.hyperbyte.model.spec.Problem;
import cloud.hyperbyte.render.HyperbyteRender;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code render}: one HyperbytedbCluster manifest in, the exact objects the operator would apply out,
 * as deterministic multi-document YAML on stdout. No Kubernetes cluster is contacted.
 */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Render a HyperbytedbCluster manifest to the Kubernetes objects the operator applies.",
      "Without --file, renders the embedded example (--example, default three-node).",
      "Exit codes: 0 rendered (warnings on stderr), 1 input could not be read, 2 invalid manifest (every problem on stderr, nothing on stdout)."
    })
public final class RenderCommand implements Callable<Integer> {

  /** Exit code for a manifest with errors. */
  public static final int INVALID_MANIFEST = 2;
  /** Exit code for input that could not be read. */
  public static final int UNREADABLE_INPUT = 1;

  static final List<String> EXAMPLES = List.of("single-node", "three-node", "ha-autoscaling-proxy", "tls-single-node");

  @Spec CommandSpec spec;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Manifest to render; '-' reads stdin.")
  Optional<String> file;

  @Option(names = "--example", paramLabel = "NAME", defaultValue = "three-node",
      description = "Embedded example to render when no --file is given: ${COMPLETION-CANDIDATES}.",
      completionCandidates = ExampleNames.class)
  String example;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Override metadata.namespace.")
  Optional<String> namespace;

  @Option(names = "--cluster-domain", paramLabel = "DOMAIN", defaultValue = HyperbyteRender.DEFAULT_CLUSTER_DOMAIN,
      description = "DNS domain of the Kubernetes cluster (default: ${DEFAULT-VALUE}).")
  String clusterDomain;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String manifest;
    try {
      manifest = readManifest();
    } catch (IOException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return UNREADABLE_INPUT;
    }
    HyperbyteRender.Result result = HyperbyteRender.fromManifest(manifest, namespace, clusterDomain);
    for (Problem problem : result.problems()) {
      err.println((problem.severity() == Problem.Severity.ERROR ? "error: " : "") + problem.describe());
    }
    err.flush();
    if (!result.isValid()) {
      return INVALID_MANIFEST;
    }
    out.print(result.yaml());
    out.flush();
    return 0;
  }

  private String readManifest() throws IOException {
    if (file.isPresent()) {
      if (file.get().equals("-")) {
        return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Path path = Path.of(file.get());
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException("no such file: " + path);
      }
      return Files.readString(path);
    }
    if (!EXAMPLES.contains(example)) {
      throw new IllegalArgumentException("unknown example '" + example + "'; one of " + EXAMPLES);
    }
    try (InputStream in = RenderCommand.class.getResourceAsStream("/examples/" + example + ".yaml")) {
      if (in == null) {
        throw new IllegalArgumentException("example " + example + " is not embedded in this build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Names of the embedded examples, for help and completion. */
  static final class ExampleNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return EXAMPLES.iterator();
    }
  }
}
