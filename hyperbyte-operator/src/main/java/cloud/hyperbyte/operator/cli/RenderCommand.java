package cloud.hyperbyte.operator.cli;

import cloud.hyperbyte.model.manifest.ManifestDocument;
import cloud.hyperbyte.model.manifest.ManifestDocuments;
import cloud.hyperbyte.model.manifest.ManifestText;
import cloud.hyperbyte.model.spec.Problem;
import cloud.hyperbyte.model.spec.Validated;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.render.HyperbyteRender;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code render}: HyperbytedbCluster manifests in, the exact objects the operator would apply out, as
 * deterministic multi-document YAML on stdout or one file per input. No Kubernetes cluster is
 * contacted. Several inputs are all read and checked before anything is written, and nothing is
 * written unless every one renders.
 */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Render HyperbytedbCluster manifests to the Kubernetes objects the operator applies.",
      "Without --file, renders the embedded example (--example, default three-node). --file may be repeated and may"
          + " name a directory (its *.yaml, *.yml and *.json files, sorted by name, not recursive); with several inputs"
          + " every message names its file.",
      "--output-dir writes one file per input instead of stdout: <input file name without extension>.yaml"
          + " (stdin: stdin.yaml; an example: NAME.yaml), replacing a file of that name.",
      "A file may hold several YAML documents or JSON objects (and v1 Lists): every HyperbytedbCluster is rendered,"
          + " other kinds are skipped with a note on stderr. Input is limited to 3 MiB of UTF-8 text.",
      "Exit codes: 0 rendered (warnings and notes on stderr); 1 input could not be read (no such file, unknown"
          + " example); 2 refused: too large, not UTF-8 text, not YAML or JSON, or an invalid manifest (every problem"
          + " on stderr with its field path or line and column, nothing on stdout); 3 internal error (a bug: please"
          + " report it with the input). With several inputs, the highest of their codes; nothing is written unless it is 0."
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

  @Option(names = {"-f", "--file"}, paramLabel = "FILE|DIR",
      description = "Manifest to render, or a directory of them; '-' reads stdin. Repeatable.")
  List<String> files = new ArrayList<>();

  @Option(names = "--output-dir", paramLabel = "DIR",
      description = "Write <input name without extension>.yaml per input into DIR (created if missing) instead of"
          + " stdout.")
  Optional<Path> outputDir;

  @Option(names = "--example", paramLabel = "NAME", defaultValue = "three-node",
      description = "Embedded example to render when no --file is given: ${COMPLETION-CANDIDATES}.",
      completionCandidates = ExampleNames.class)
  String example;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Override metadata.namespace.")
  Optional<String> namespace;

  @Option(names = "--cluster-domain", paramLabel = "DOMAIN", defaultValue = HyperbyteRender.DEFAULT_CLUSTER_DOMAIN,
      description = "DNS domain of the Kubernetes cluster (default: ${DEFAULT-VALUE}).")
  String clusterDomain;

  /** What one input gave: its exit code and, when that is 0, its YAML. */
  private record Rendered(RenderInput input, int code, String yaml) {}

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    List<RenderInput> inputs;
    try {
      inputs = inputs();
    } catch (IOException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return UNREADABLE_INPUT;
    }
    String clash = outputClash(inputs);
    if (clash != null) {
      err.println("error: --output-dir: " + clash);
      err.flush();
      return INVALID_MANIFEST;
    }
    List<Rendered> results = new ArrayList<>();
    int code = 0;
    for (RenderInput input : inputs) {
      Rendered result = renderGuarded(input, err, inputs.size() > 1 ? input.name() + ": " : "");
      results.add(result);
      code = Math.max(code, result.code());
    }
    err.flush();
    if (code != 0) {
      return code;
    }
    return outputDir.isPresent() ? write(outputDir.get(), results, err) : print(results);
  }

  private List<RenderInput> inputs() throws IOException {
    if (!files.isEmpty()) {
      return RenderInput.of(files, System.in);
    }
    if (!EXAMPLES.contains(example)) {
      throw new IllegalArgumentException("unknown example '" + example + "'; one of " + EXAMPLES);
    }
    return List.of(RenderInput.example(example));
  }

  /** Two inputs that would write the same output file, or null. */
  private String outputClash(List<RenderInput> inputs) {
    if (outputDir.isEmpty()) {
      return null;
    }
    Map<String, String> byOutput = new HashMap<>();
    for (RenderInput input : inputs) {
      String other = byOutput.putIfAbsent(input.outputName(), input.name());
      if (other != null) {
        return other + " and " + input.name() + " would both be written to " + input.outputName();
      }
    }
    return null;
  }

  private Rendered renderGuarded(RenderInput input, PrintWriter err, String where) {
    try {
      return render(input, err, where);
    } catch (RuntimeException | StackOverflowError e) {
      // the last line of defence: one line a user can report, never a stack trace (nor a message
      // naming Java types, which is all an unexpected exception has to say)
      err.println("error: " + where + ManifestText.INPUT_PATH + ": render failed unexpectedly on this input (an"
          + " internal error); please report it together with the input");
      return new Rendered(input, INTERNAL_ERROR, "");
    }
  }

  private Rendered render(RenderInput input, PrintWriter err, String where) {
    byte[] bytes;
    try {
      bytes = input.read();
    } catch (IOException | IllegalArgumentException e) {
      err.println("error: " + where + e.getMessage());
      return new Rendered(input, UNREADABLE_INPUT, "");
    } catch (RenderInput.TooLargeException e) {
      e.problems().forEach(p -> err.println(line(p, where)));
      return new Rendered(input, INVALID_MANIFEST, "");
    }
    Validated<String> text = ManifestText.decode(bytes);
    Validated<List<ManifestDocument>> documents =
        text.isValid() ? ManifestDocuments.parse(text.orElseThrow()) : Validated.failed(text.problems());
    if (!documents.isValid()) {
      documents.problems().forEach(p -> err.println(line(p, where)));
      return new Rendered(input, INVALID_MANIFEST, "");
    }
    List<ManifestDocument> all = documents.orElseThrow();
    StringBuilder rendered = new StringBuilder();
    boolean failed = false;
    int clusters = 0;
    for (ManifestDocument document : all) {
      if (!document.kind().equals(HyperbytedbCluster.KIND) && !document.kind().isEmpty()) {
        err.println("note: " + where + document.label() + " (" + document.describe() + ") skipped: render takes "
            + HyperbytedbCluster.KIND + " objects");
        continue;
      }
      clusters++;
      HyperbyteRender.Result result = HyperbyteRender.fromDocument(document, namespace, clusterDomain);
      String documentWhere = where + (all.size() > 1 ? document.label() + ": " : "");
      result.problems().forEach(p -> err.println(line(p, documentWhere)));
      if (result.isValid()) {
        rendered.append(result.yaml());
      } else {
        failed = true;
      }
    }
    if (clusters == 0) {
      err.println("error: " + where + ManifestText.INPUT_PATH + ": holds no " + HyperbytedbCluster.KIND
          + " (kind " + HyperbytedbCluster.KIND + ", apiVersion " + HyperbytedbCluster.API_VERSION + ")");
      failed = true;
    }
    return new Rendered(input, failed ? INVALID_MANIFEST : 0, rendered.toString());
  }

  private static String line(Problem problem, String where) {
    return (problem.severity() == Problem.Severity.ERROR ? "error: " : "") + where + problem.describe();
  }

  private int print(List<Rendered> results) {
    PrintWriter out = spec.commandLine().getOut();
    results.forEach(r -> out.print(r.yaml()));
    out.flush();
    return 0;
  }

  private static int write(Path directory, List<Rendered> results, PrintWriter err) {
    try {
      Files.createDirectories(directory);
      for (Rendered result : results) {
        Files.writeString(directory.resolve(result.input().outputName()), result.yaml(), StandardCharsets.UTF_8);
      }
      return 0;
    } catch (IOException | UncheckedIOException e) {
      err.println("error: --output-dir " + directory + ": cannot write: " + e.getMessage());
      err.flush();
      return UNREADABLE_INPUT;
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
