package cloud.hyperbyte.operator.cli;

import cloud.hyperbyte.model.manifest.ManifestDocument;
import cloud.hyperbyte.model.manifest.ManifestText;
import cloud.hyperbyte.model.spec.Problem;
import cloud.hyperbyte.model.spec.Validated;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.render.HyperbyteRender;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
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
      "Render HyperbytedbCluster manifests to the Kubernetes objects the operator applies.",
      "Without --file, renders the embedded example (--example, default three-node).",
      "A file may hold several YAML documents or JSON objects (and v1 Lists): every HyperbytedbCluster is rendered,"
          + " other kinds are skipped with a note on stderr. Input is limited to 3 MiB of UTF-8 text.",
      "Exit codes: 0 rendered (warnings and notes on stderr); 1 input could not be read (no such file, unknown"
          + " example); 2 refused: too large, not UTF-8 text, not YAML or JSON, or an invalid manifest (every problem"
          + " on stderr with its field path or line and column, nothing on stdout); 3 internal error (a bug: please"
          + " report it with the input)."
    })
public final class RenderCommand implements Callable<Integer> {

  /** Exit code for input that is refused: too large, not text, not YAML or JSON, or invalid. */
  public static final int INVALID_MANIFEST = 2;
  /** Exit code for input that could not be read at all (no such file, unknown example). */
  public static final int UNREADABLE_INPUT = 1;
  /** Exit code for a failure of render itself, reported in one line rather than a stack trace. */
  public static final int INTERNAL_ERROR = 3;

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
    PrintWriter err = spec.commandLine().getErr();
    try {
      return render(spec.commandLine().getOut(), err);
    } catch (RuntimeException | StackOverflowError e) {
      // the last line of defence: one line a user can report, never a stack trace (nor a message
      // naming Java types, which is all an unexpected exception has to say)
      err.println("error: " + ManifestText.INPUT_PATH + ": render failed unexpectedly on this input (an internal"
          + " error); please report it together with the input");
      err.flush();
      return INTERNAL_ERROR;
    }
  }

  private int render(PrintWriter out, PrintWriter err) {
    Validated<byte[]> input;
    try {
      input = readManifest();
    } catch (ManifestInput.UnreadableException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return UNREADABLE_INPUT;
    }
    Validated<List<ManifestDocument>> documents =
        input.isValid() ? ManifestInput.documents(input.orElseThrow()) : Validated.failed(input.problems());
    if (!documents.isValid()) {
      return refuse(err, documents.problems());
    }
    List<ManifestDocument> all = documents.orElseThrow();
    StringBuilder rendered = new StringBuilder();
    boolean failed = false;
    int clusters = 0;
    for (ManifestDocument document : all) {
      if (!document.kind().equals(HyperbytedbCluster.KIND) && !document.kind().isEmpty()) {
        err.println("note: " + document.label() + " (" + document.describe() + ") skipped: render takes "
            + HyperbytedbCluster.KIND + " objects");
        continue;
      }
      clusters++;
      HyperbyteRender.Result result = HyperbyteRender.fromDocument(document, namespace, clusterDomain);
      String where = all.size() > 1 ? document.label() + ": " : "";
      for (Problem problem : result.problems()) {
        err.println((problem.severity() == Problem.Severity.ERROR ? "error: " : "") + where + problem.describe());
      }
      if (result.isValid()) {
        rendered.append(result.yaml());
      } else {
        failed = true;
      }
    }
    if (clusters == 0) {
      err.println("error: " + ManifestText.INPUT_PATH + ": holds no " + HyperbytedbCluster.KIND
          + " (kind " + HyperbytedbCluster.KIND + ", apiVersion " + HyperbytedbCluster.API_VERSION + ")");
      failed = true;
    }
    err.flush();
    if (failed) {
      return INVALID_MANIFEST;
    }
    out.print(rendered);
    out.flush();
    return 0;
  }

  private static int refuse(PrintWriter err, List<Problem> problems) {
    problems.forEach(p -> err.println((p.severity() == Problem.Severity.ERROR ? "error: " : "") + p.describe()));
    err.flush();
    return INVALID_MANIFEST;
  }

  private Validated<byte[]> readManifest() throws ManifestInput.UnreadableException {
    if (file.isPresent()) {
      return ManifestInput.read(file.get(), System.in);
    }
    if (!EXAMPLES.contains(example)) {
      throw new IllegalArgumentException("unknown example '" + example + "'; one of " + EXAMPLES);
    }
    try (InputStream in = RenderCommand.class.getResourceAsStream("/examples/" + example + ".yaml")) {
      if (in == null) {
        throw new IllegalArgumentException("example " + example + " is not embedded in this build");
      }
      return Validated.of(in.readAllBytes(), List.of());
    } catch (IOException e) {
      throw new ManifestInput.UnreadableException(e.getMessage());
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
