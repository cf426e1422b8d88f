package cloud.hyperbyte.operator.cli;

import cloud.hyperbyte.model.kube.KubernetesJson;
import cloud.hyperbyte.model.manifest.ManifestDocument;
import cloud.hyperbyte.model.manifest.ManifestText;
import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ClusterSpecFactory;
import cloud.hyperbyte.model.spec.ManifestReader;
import cloud.hyperbyte.model.spec.Problem;
import cloud.hyperbyte.model.spec.Validated;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.reconcile.decision.LifecycleTimings;
import cloud.hyperbyte.reconcile.seed.SeedNames;
import cloud.hyperbyte.reconcile.plan.ChangePlan;
import cloud.hyperbyte.reconcile.plan.ChangePlanner;
import cloud.hyperbyte.reconcile.plan.PlannedCertificates;
import cloud.hyperbyte.render.HyperbyteRender;
import cloud.hyperbyte.render.ImmutableRenderOptions;
import cloud.hyperbyte.render.RenderOptions;
import cloud.hyperbyte.render.topology.Annotations;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plan}: what applying a HyperbytedbCluster manifest will do, before it is applied: each
 * object created, updated (with the owned fields that change), deleted or unchanged, and the
 * lifecycle steps in the order the operator takes them, from the operator's own decisions
 * ({@link ChangePlanner}). Against nothing (a create), a {@code kubectl get -o yaml} listing, or a
 * cluster read with get and list only.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Show what applying a HyperbytedbCluster manifest will do: objects created, updated (with the owned fields"
          + " that change), deleted or unchanged; the lifecycle steps in order (restarts, drains, Raft changes,"
          + " volume growth) with member and reason; and the risks.",
      "The current state comes from nothing (the plan of a create), from --live FILE (kubectl get"
          + " hbc,sts,svc,cm,pdb,hpa,deploy,pvc,pods -o yaml), or from a cluster (--context/--kubeconfig, read-only).",
      "Exit codes: 0 nothing to do; 1 the input or the cluster could not be read; 2 invalid input (every problem"
          + " with its field path, as render reports it); 3 changes planned."
    })
public final class PlanCommand implements Callable<Integer> {

  /** Exit code when applying the manifest changes nothing. */
  public static final int NOTHING_TO_DO = 0;
  /** Exit code when the manifest, the live listing or the cluster could not be read. */
  public static final int UNREADABLE = 1;
  /** Exit code for an invalid manifest (the problems on stderr, as {@code render} prints them). */
  public static final int INVALID = 2;
  /** Exit code when applying the manifest changes something. */
  public static final int CHANGES = 3;
  /** Kinds of other projects' CRDs, which {@code kubectl get hbc,sts,...} does not list. */
  private static final Set<String> OPTIONAL_KINDS = Set.of("ServiceMonitor", "PrometheusRule", "Certificate");


  @Spec CommandSpec spec;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true,
      description = "The manifest to plan (one HyperbytedbCluster); '-' reads stdin.")
  String file;

  @ArgGroup(exclusive = true)
  Source source;

  /** Where the current state comes from; none: a create. */
  static final class Source {
    @Option(names = "--live", paramLabel = "FILE",
        description = "The live cluster as kubectl prints it: a List or multi-document YAML holding the"
            + " HyperbytedbCluster with its status and its objects.")
    Optional<String> live = Optional.empty();

    @ArgGroup(exclusive = false)
    ClusterAccess cluster;
  }

  /** Reading the current state from a cluster. */
  static final class ClusterAccess {
    @Option(names = "--context", paramLabel = "NAME", required = true,
        description = "Read the live cluster from this kubeconfig context (get and list only; nothing is written).")
    String context;

    @Option(names = "--kubeconfig", paramLabel = "PATH", description = "The kubeconfig file (default: $KUBECONFIG or ~/.kube/config).")
    Optional<String> kubeconfig = Optional.empty();
  }

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text (for people) or json (stable shape for CI; see the README).")
  PlanReport.Format output;

  @Option(names = "--no-color", description = "No colour, even on a terminal.")
  boolean noColor;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Override metadata.namespace.")
  Optional<String> namespace = Optional.empty();

  @Option(names = "--cluster-domain", paramLabel = "DOMAIN", defaultValue = HyperbyteRender.DEFAULT_CLUSTER_DOMAIN,
      description = "DNS domain of the Kubernetes cluster (default: ${DEFAULT-VALUE}).")
  String clusterDomain;

  private final Clock clock;

  public PlanCommand() {
    this(Clock.systemUTC());
  }

  PlanCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return plan(out, err);
    } catch (ManifestInput.UnreadableException | KubernetesClientException e) {
      err.println("error: " + e.getMessage());
      return UNREADABLE;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private int plan(PrintWriter out, PrintWriter err) throws ManifestInput.UnreadableException {
    Validated<List<ManifestDocument>> documents = documents(file);
    if (!documents.isValid()) {
      return refuse(err, documents.problems());
    }
    List<ManifestDocument> clusters = new ArrayList<>();
    for (ManifestDocument document : documents.orElseThrow()) {
      if (HyperbytedbCluster.KIND.equals(document.kind()) || document.kind().isEmpty()) {
        clusters.add(document);
      } else {
        err.println("note: " + document.label() + " (" + document.describe() + ") skipped: plan takes one "
            + HyperbytedbCluster.KIND);
      }
    }
    if (clusters.size() != 1) {
      err.println("error: " + ManifestText.INPUT_PATH + ": " + (clusters.isEmpty() ? "holds no " : "holds "
          + clusters.size() + " objects of kind ") + HyperbytedbCluster.KIND + "; plan takes exactly one");
      return INVALID;
    }
    Validated<ClusterSpec> validated = ManifestReader.readClusterSpec(clusters.get(0), namespace, clusterDomain);
    for (Problem problem : validated.problems()) {
      err.println((problem.severity() == Problem.Severity.ERROR ? "error: " : "") + problem.describe());
    }
    if (!validated.isValid()) {
      return INVALID;
    }
    ClusterSpec clusterSpec = validated.orElseThrow();
    HyperbytedbCluster desired = ManifestReader.readCluster(clusters.get(0), namespace).orElseThrow();
    String where = clusterSpec.namespace() + "/" + clusterSpec.name();

    Optional<LiveCluster> live;
    String from;
    if (source != null && source.live.isPresent()) {
      Validated<List<ManifestDocument>> listing = documents(source.live.get());
      if (!listing.isValid()) {
        listing.problems().forEach(p -> err.println("error: --live " + source.live.get() + ": " + p.describe()));
        return UNREADABLE;
      }
      live = LiveCluster.fromDocuments(listing.orElseThrow(), clusterSpec.namespace(), clusterSpec.name());
      if (live.isEmpty()) {
        err.println("error: --live " + source.live.get() + ": holds no " + HyperbytedbCluster.KIND + " " + where);
        return UNREADABLE;
      }
      from = "the live objects in " + Path.of(source.live.get()).getFileName();
    } else if (source != null && source.cluster != null) {
      try (KubernetesClient client = client(source.cluster)) {
        live = LiveCluster.fromApi(client, clusterSpec.namespace(), clusterSpec.name());
      }
      from = live.isPresent() ? "context " + source.cluster.context : "nothing (no " + where + " in context "
          + source.cluster.context + ")";
    } else {
      live = Optional.empty();
      from = "nothing (a create)";
    }

    ChangePlanner planner = new ChangePlanner(clock.instant(), LifecycleTimings.defaults());
    ChangePlan plan;
    List<String> assumed = new ArrayList<>();
    if (live.isEmpty()) {
      HyperbytedbCluster created = withMetadata(desired, new ObjectMetaBuilder(desired.getMetadata())
          .withNamespace(clusterSpec.namespace()).withGeneration(1L).build(), null);
      plan = planner.create(clusterSpec, created, ImmutableRenderOptions.builder()
          .certificateHash(PlannedCertificates.hash(clusterSpec, Optional.empty(), Optional.empty())).build());
    } else {
      LiveCluster current = live.get();
      boolean specChanged = !Objects.equals(KubernetesJson.SERIALIZATION.asJson(current.cluster().getSpec()),
          KubernetesJson.SERIALIZATION.asJson(desired.getSpec()));
      long generation = Optional.ofNullable(current.cluster().getMetadata().getGeneration()).orElse(1L)
          + (specChanged ? 1 : 0);
      HyperbytedbCluster next = withMetadata(desired, new ObjectMetaBuilder(current.cluster().getMetadata())
          .withAnnotations(desired.getMetadata().getAnnotations())
          .withGeneration(generation).build(), current.cluster().getStatus());
      // the spec the operator builds: the new manifest with the live object's identity (its UID owns the objects)
      ClusterSpec nextSpec = ClusterSpecFactory.from(next, clusterDomain).orElseThrow();
      Map<String, Boolean> classes = current.storageClasses();
      Optional<StatefulSet> liveSet = current.objects().stream().filter(StatefulSet.class::isInstance)
          .map(StatefulSet.class::cast)
          .filter(s -> s.getMetadata().getName().equals(ClusterNames.of(nextSpec).statefulSet())).findFirst();
      Optional<String> liveHash = liveSet.map(s -> s.getSpec().getTemplate().getMetadata().getAnnotations())
          .map(a -> a.get(Annotations.CERTIFICATE_HASH));
      Optional<ClusterSpec> liveSpec = ClusterSpecFactory.from(current.cluster(), clusterDomain).value();
      RenderOptions options = ImmutableRenderOptions.builder()
          .certificateHash(PlannedCertificates.hash(nextSpec, liveSpec, liveHash)).build();
      plan = planner.plan(nextSpec, next, current.objects(), name -> {
        if (!classes.containsKey(name)) {
          assumed.add("StorageClass " + name + " is not in the input: assumed to allow volume expansion");
          return Optional.of(true);
        }
        return Optional.of(classes.get(name));
      }, options);
      // a listing that holds Secrets is taken to hold the ones that exist
      List<String> secretsUnlisted = current.objects().stream().anyMatch(o -> o.getKind().equals("Secret"))
          ? List.of() : PlannedCertificates.secretsWritten(nextSpec, options.certificateHash()).stream()
              .map(secret -> secret.getMetadata().getName()).toList();
      if (!secretsUnlisted.isEmpty()) {
        assumed.add("Secret " + String.join(", ", secretsUnlisted) + ": not in the input, so not compared; one of"
            + " another type than Opaque (the Go operator's <name>-tls is kubernetes.io/tls) is deleted and written"
            + " again first (add kubectl get secret NAME -o yaml to the listing to see it)");
      }
      // the seed decision reads the token Secrets too: a listing without Secrets cannot show one
      List<String> tokensUnlisted = current.objects().stream().anyMatch(o -> o.getKind().equals("Secret"))
          ? List.of() : plan.steps().stream().filter(step -> step.action().equals("seed"))
              .flatMap(step -> step.member().stream())
              .map(pod -> SeedNames.tokenSecret(nextSpec.name(), Integer.parseInt(pod.substring(pod.lastIndexOf('-') + 1))))
              .toList();
      if (!tokensUnlisted.isEmpty()) {
        assumed.add("Secret " + String.join(", ", tokensUnlisted) + ": not in the input, so taken not to exist (no"
            + " seeding under way beyond the seed pods listed; add kubectl get secret -l " + SeedNames.SEED_LABEL + "="
            + nextSpec.name() + " -o yaml to the listing to see them)");
      }
      List<String> unlisted = plan.objects().stream()
          .filter(o -> o.action().equals("create") && unlisted(o, current))
          .map(o -> o.kind() + " " + o.name()).toList();
      if (!unlisted.isEmpty()) {
        assumed.add(String.join(", ", unlisted) + ": not compared, as the input holds no object of the kind (list"
            + " servicemonitors, prometheusrules, certificates too to compare them; the operator skips a kind whose"
            + " CRD is not installed)");
        plan = new ChangePlan(plan.objects().stream().filter(o -> !(o.action().equals("create") && unlisted(o, current)))
            .toList(), plan.steps(), plan.risks(), plan.assumptions(), plan.notes(), plan.passes(), plan.finished());
      }
    }
    boolean colour = System.console() != null && !noColor && output == PlanReport.Format.TEXT;
    PlanReport report = new PlanReport(HyperbytedbCluster.KIND + " " + where, from, plan,
        assumed.stream().distinct().toList(), colour);
    out.print(output == PlanReport.Format.JSON ? report.json() : report.text());
    return plan.changes() ? CHANGES : NOTHING_TO_DO;
  }

  /** An object of another project's kind of which the listing holds none: the listing did not ask for the kind. */
  private static boolean unlisted(ChangePlan.ObjectChange object, LiveCluster live) {
    return OPTIONAL_KINDS.contains(object.kind()) && live.objects().stream().noneMatch(l -> l.getKind().equals(object.kind()));
  }

  private static HyperbytedbCluster withMetadata(HyperbytedbCluster desired,
      io.fabric8.kubernetes.api.model.ObjectMeta metadata, cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus status) {
    HyperbytedbCluster cluster = new HyperbytedbCluster();
    cluster.setMetadata(metadata);
    cluster.setSpec(desired.getSpec());
    cluster.setStatus(status);
    return cluster;
  }

  private Validated<List<ManifestDocument>> documents(String path) throws ManifestInput.UnreadableException {
    Validated<byte[]> bytes = ManifestInput.read(path, System.in);
    return bytes.isValid() ? ManifestInput.documents(bytes.orElseThrow()) : Validated.failed(bytes.problems());
  }

  private static KubernetesClient client(ClusterAccess access) throws ManifestInput.UnreadableException {
    String kubeconfig = null;
    if (access.kubeconfig.isPresent()) {
      try {
        kubeconfig = Files.readString(Path.of(access.kubeconfig.get()), StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        throw new ManifestInput.UnreadableException("cannot read kubeconfig " + access.kubeconfig.get() + ": "
            + e.getMessage());
      }
    }
    Config config = kubeconfig == null ? Config.autoConfigure(access.context)
        : Config.fromKubeconfig(access.context, kubeconfig, access.kubeconfig.get());
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static int refuse(PrintWriter err, List<Problem> problems) {
    problems.forEach(p -> err.println((p.severity() == Problem.Severity.ERROR ? "error: " : "") + p.describe()));
    return INVALID;
  }
}
