package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.OperatorPaths;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterSpec;
import cloud.hyperbyte.model.v1alpha1.LogLevel;
import cloud.hyperbyte.model.v1alpha1.LoggingSpec;
import cloud.hyperbyte.model.v1alpha1.ProxySpec;
import cloud.hyperbyte.model.v1alpha1.ServerSpec;
import cloud.hyperbyte.model.v1alpha1.TlsSpec;
import cloud.hyperbyte.operator.cli.HyperbyteCommand;
import cloud.hyperbyte.operator.cli.ProcessEnvironment;
import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import cloud.hyperbyte.testkit.kube.StorageClasses;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17 item 3: for each kind of change, the steps {@code hyperbyte plan --live} predicts (run
 * through the real command line on the converged cluster's objects, exported as {@code kubectl get
 * -o yaml} prints them) are, in order, the steps the operator then takes on the simulated cluster, as
 * its Events record them (proxy exclusions and includes aside, see {@link #isStep}), and the PVCs
 * deleted are the data the plan says it deletes (the StatefulSet controller or the operator, whichever
 * comes first, deletes a removed member's claim under {@code whenScaled: Delete}). Changes run one after
 * the other on one cluster per test, each from the state the previous one converged to. The adoption
 * case plans a cluster the Go operator made ({@link GoOperatorCluster}: Raft formed, points written)
 * with its own manifest before this operator runs, then starts it. The operator runs with its own
 * image, as the chart starts it, so a scale-up seeds each new member first ({@code MemberSeeding}).
 */
class PlanTruthfulnessE2eTest extends OperatorE2eTest {

  /** Events the operator records without naming a pod. */
  private static final Set<String> CLUSTER_EVENTS = Set.of("VolumeDeleted", "VolumeResizeRequested",
      "StatefulSetReplacing", "GoFinalizerRemoved", "SecretReplaced");
  private static final Set<String> STEP_EVENTS = Set.of("MemberRestart", "MemberAdded", "MemberRemoved",
      "MemberDraining", "VolumeResizeRequested", "StatefulSetReplacing", "MemberUpgrade",
      "ScaleDownAbandoned", "GoFinalizerRemoved", "SecretReplaced", "MemberSeeding");
  /** "hdb-1: Seeding member hdb-3 (attempt 1) from a backup of hdb-1": the member a MemberSeeding event is about. */
  private static final Pattern SEEDING = Pattern.compile("Seeding member (\\S+) ");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;
  /** The JSON of the last plan {@link #predict} ran. */
  private JsonNode lastPlan;

  @Override
  SimulatedCluster.Builder configure(SimulatedCluster.Builder builder) {
    return builder.storageClasses(StorageClasses.standard())
        .containerProgram(OPERATOR_IMAGE::equals, new SeedRouting(new OperatorImageProgram(), new OperatorImageProgram(),
            () -> user));
  }

  private OperatorProcess startOperatorWithItsImage() throws Exception {
    return OperatorProcess.startWithBackups(sim, OPERATOR_IMAGE, OperatorProcess.DEFAULT_RESYNC);
  }

  @Override
  OperatorProcess startOperator() {
    return null; // started by each test: adoption plans the Go operator's cluster before it runs
  }

  @Test
  void adoptingAClusterTheGoOperatorMadeTakesThePlannedStepsInOrder() throws Exception {
    new GoOperatorCluster(sim, user).createThreeMembers("hdb");
    Path manifest = dir.resolve("go-operator-hdb.yaml");
    Files.writeString(manifest, GoOperatorCluster.fixture("hdb-cluster.yaml"));
    Set<String> claimsBefore = claims();
    Prediction plan = predict("adoption", manifest, export("hdb"));
    EventLog.Mark seen = events.mark("hdb");

    operator = startOperatorWithItsImage();
    List<String> taken = takenOnceSettled("hdb", seen, plan, () -> awaitRunning("hdb", 3));

    assertThat(taken).as("the operator's steps (planned %s)", plan.text()).isEqualTo(plan.steps());
    assertThat(plan.steps()).as("async replication with data written: drains time out, peers keep each member")
        .containsExactly("GoFinalizerRemoved", "StatefulSetReplacing", "MemberRestart hdb-2", "MemberRestart hdb-1",
            "MemberRestart hdb-0");
    assertThat(claims()).as("no PVC deleted").isEqualTo(claimsBefore);
    assertThat(plan.dataDeleted()).isEmpty();
  }

  @Test
  void adoptingTheGoOperatorsTlsMemberReplacesItsSecretBeforeItsStatefulSetAsPlanned() throws Exception {
    new GoOperatorCluster(sim, user).createObjects("hdbt");
    eventually().until(() -> sim.member(NS, "hdbt-0").map(m -> m.isListening()).orElse(false));
    Path manifest = dir.resolve("go-operator-hdbt.yaml");
    Files.writeString(manifest, GoOperatorCluster.fixture("hdbt-cluster.yaml"));
    Path live = dir.resolve("hdbt-live.yaml");
    // kubectl get hbc,sts,... plus kubectl get secret hdbt-tls
    Files.writeString(live, KubectlExport.yaml(user, NS, user.secrets().inNamespace(NS).withName("hdbt-tls").get()));
    Prediction plan = predict("TLS adoption", manifest, live);
    EventLog.Mark seen = events.mark("hdbt");

    operator = startOperatorWithItsImage();
    List<String> taken = takenOnceSettled("hdbt", seen, plan, () -> awaitRunning("hdbt", 1));

    assertThat(taken).as("the operator's steps (planned %s)", plan.text()).isEqualTo(plan.steps());
    assertThat(plan.steps()).containsExactly("GoFinalizerRemoved", "SecretReplaced", "StatefulSetReplacing",
        "MemberRestart hdbt-0");
  }

  @Test
  void everyChangeToThreeMembersTakesThePlannedStepsInOrder() throws Exception {
    operator = startOperatorWithItsImage();
    create(Manifests.cluster("hdb", 3, "persistentVolumeClaimRetention:\n  whenScaled: Delete\n"
        + "storage:\n  volumeClaimTemplate:\n    size: 1Gi\n"));
    awaitRunning("hdb", 3);

    List<String> version = plannedStepsAreTaken("version", "hdb", 3, s -> s.setVersion("0.8.6"));
    assertThat(version).as("each restarted voter is re-added once its peers dropped it").containsExactly(
        "MemberRestart hdb-2", "MemberAdded hdb-2", "MemberRestart hdb-1", "MemberAdded hdb-1",
        "MemberRestart hdb-0", "MemberAdded hdb-0");
    plannedStepsAreTaken("config key", "hdb", 3, s -> {
      LoggingSpec logging = new LoggingSpec();
      logging.setLevel(LogLevel.DEBUG);
      s.setLogging(logging);
    });
    plannedStepsAreTaken("resources", "hdb", 3, s -> s.setResources(new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("250m")).build()));
    plannedStepsAreTaken("restart annotation", "hdb", 3, null);
    List<String> up = plannedStepsAreTaken("replicas up", "hdb", 5, s -> s.setReplicas(5));
    assertThat(up).as("the next member's seeding starts once the StatefulSet grows over the last one")
        .containsExactly("MemberSeeding hdb-3", "MemberSeeding hdb-4", "MemberAdded hdb-3", "MemberAdded hdb-4");
    List<String> down = plannedStepsAreTaken("replicas down", "hdb", 3, s -> s.setReplicas(3));
    assertThat(down).containsExactly("MemberDraining hdb-4", "MemberRemoved hdb-4", "MemberDraining hdb-3",
        "MemberRemoved hdb-3");
    plannedStepsAreTaken("storage growth", "hdb", 3, s -> s.getStorage().getVolumeClaimTemplate().setSize("2Gi"));
    plannedStepsAreTaken("pause", "hdb", 3, s -> {
      s.setPaused(true);
      s.setVersion("0.8.7");
    });
  }

  @Test
  void aScaleUpSeedsTheNewMemberFromThePlannedSourceBeforeItJoins() throws Exception {
    operator = startOperatorWithItsImage();
    create(Manifests.cluster("seeded", 3));
    awaitRunning("seeded", 3);
    EventLog.Mark before = events.mark("seeded");

    List<String> up = plannedStepsAreTaken("seeded scale up", "seeded", 4, s -> s.setReplicas(4));

    assertThat(up).containsExactly("MemberSeeding seeded-3", "MemberAdded seeded-3");
    String plannedSource = lastPlan.path("steps").valueStream().filter(step -> step.path("action").asString()
        .equals("seed")).findFirst().orElseThrow().path("reason").asString()
        .replaceFirst("^seeded from a fresh backup of (\\S+):.*", "$1");
    assertThat(events.since("seeded", before)).filteredOn(e -> e.reason().equals("MemberSeeding"))
        .as("the backup came from the member the plan named").singleElement()
        .satisfies(e -> assertThat(e.message()).endsWith("from a backup of " + plannedSource));
  }

  @Test
  void turningTlsAndTheProxyOnTakesThePlannedSteps() throws Exception {
    operator = startOperatorWithItsImage();
    create(Manifests.cluster("one", 1));
    awaitRunning("one", 1);

    plannedStepsAreTaken("TLS on", "one", 1, s -> {
      ServerSpec server = Optional.ofNullable(s.getServer()).orElseGet(ServerSpec::new);
      TlsSpec tls = new TlsSpec();
      tls.setEnabled(true);
      server.setTls(tls);
      s.setServer(server);
    });
    plannedStepsAreTaken("proxy on", "one", 1, s -> {
      ProxySpec proxy = new ProxySpec();
      proxy.setEnabled(true);
      s.setProxy(proxy);
    });
  }

  /**
   * Plans {@code change} (a restart request when null) on the live cluster, applies it, waits until
   * the operator is done, and checks that it took the planned steps; returns them as "event member".
   */
  private List<String> plannedStepsAreTaken(String kind, String name, int replicas,
      Consumer<HyperbytedbClusterSpec> change) throws IOException {
    Path live = export(name);
    HyperbytedbCluster desired = manifest(cluster(name), change);
    Path manifest = dir.resolve(kind.replace(' ', '-') + ".yaml");
    Files.writeString(manifest, Serialization.asYaml(desired));
    Prediction plan = predict(kind, manifest, live);

    EventLog.Mark seen = events.mark(name);
    Set<String> claimsBefore = claims();
    edit(name, current -> {
      current.getMetadata().setAnnotations(desired.getMetadata().getAnnotations());
      current.setSpec(desired.getSpec());
      return current;
    });
    List<String> taken = takenOnceSettled(name, seen, plan, () -> {
      if (Boolean.TRUE.equals(desired.getSpec().getPaused())) {
        eventually().until(() -> condition(name, "Paused").filter(c -> "True".equals(c.getStatus())).isPresent());
      } else {
        awaitRunning(name, replicas);
      }
    });
    assertThat(taken).as("%s: the operator's steps (planned %s)", kind, plan.text()).isEqualTo(plan.steps());
    Set<String> deleted = new java.util.TreeSet<>(claimsBefore);
    deleted.removeAll(claims());
    assertThat(deleted).as("%s: PVCs deleted", kind).containsExactlyInAnyOrderElementsOf(plan.dataDeleted());
    return plan.steps();
  }

  /**
   * What {@code plan --live} predicts, run through the real command line.
   *
   * @param steps the steps with an Event, as "event member" ("event" for one about no pod)
   * @param dataDeleted the PVC names the plan deletes
   * @param text the plan's JSON, for failure messages
   */
  private record Prediction(List<String> steps, List<String> dataDeleted, String text) {}

  private Prediction predict(String kind, Path manifest, Path live) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = HyperbyteCommand.commandLine(ProcessEnvironment.system());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("plan", "-f", manifest.toString(), "--live", live.toString(), "-o", "json");
    assertThat(code).as("%s: exit code; stderr %s", kind, err).isIn(0, 3);
    JsonNode plan = JSON.readTree(out.toString());
    lastPlan = plan;
    assertThat(plan.path("finished").asBoolean()).as("%s: projection finished: %s", kind, out).isTrue();
    List<String> predicted = plan.path("steps").valueStream()
        .filter(step -> !step.path("event").isNull())
        .map(step -> step.path("event").asString() + (CLUSTER_EVENTS.contains(step.path("event").asString()) ? ""
            : " " + step.path("member").asString()))
        .filter(PlanTruthfulnessE2eTest::isStep)
        .toList();
    List<String> dataDeleted = plan.path("risks").path("dataDeleted").valueStream()
        .map(d -> d.asString().substring("PersistentVolumeClaim ".length())).toList();
    return new Prediction(predicted, dataDeleted, out.toString());
  }

  /**
   * The steps the operator took since {@code seen}: once as many as planned were taken (or it gave up
   * waiting for them), the cluster settled ({@code settled}) and a few more passes found nothing to do.
   */
  private List<String> takenOnceSettled(String name, EventLog.Mark seen, Prediction plan, Runnable settled) {
    // the operator may report Running before a rollout starts (a resources change does not roll through
    // status first): wait for as many steps as planned, then for it to settle, then compare
    try {
      eventually().until(() -> taken(name, seen).size() >= plan.steps().size());
    } catch (ConditionTimeoutException fewerThanPlanned) {
      // the comparison says which steps are missing
    }
    settled.run();
    awaitMoreReconciles(3);
    return taken(name, seen);
  }

  private Set<String> claims() {
    return user.persistentVolumeClaims().inNamespace(NS).list().getItems().stream()
        .filter(c -> c.getMetadata().getDeletionTimestamp() == null)
        .map(c -> c.getMetadata().getName()).collect(java.util.stream.Collectors.toSet());
  }

  /** The steps the operator took since {@code seen}, as "event member". */
  private List<String> taken(String name, EventLog.Mark seen) {
    return events.since(name, seen).stream()
        .map(e -> e.reason() + (CLUSTER_EVENTS.contains(e.reason()) ? "" : member(e.reason(), e.message())))
        .filter(PlanTruthfulnessE2eTest::isStep)
        .toList();
  }

  /**
   * Whether an event records a step that changes a member or its data. Proxy exclusions and includes
   * are left out: the operator repeats an exclusion on every pass while a member is out, and whether a
   * new proxy pod already runs when a member restarts is a race the plan cannot foresee.
   */
  private static boolean isStep(String event) {
    return STEP_EVENTS.contains(event.split(" ")[0]);
  }

  /**
   * " hdb-2" from an event message "hdb-2: ...", " hdb-3" from a MemberSeeding one about hdb-3, or ""
   * for one about no pod.
   */
  private static String member(String reason, String message) {
    Matcher seeding = SEEDING.matcher(message);
    if (reason.equals("MemberSeeding") && seeding.find()) {
      return " " + seeding.group(1);
    }
    int colon = message.indexOf(": ");
    return colon > 0 && !message.substring(0, colon).contains(" ") ? " " + message.substring(0, colon) : "";
  }

  /** The user's manifest for the change: the live spec with {@code change}, or a new restart request. */
  private static HyperbytedbCluster manifest(HyperbytedbCluster live, Consumer<HyperbytedbClusterSpec> change) {
    HyperbytedbCluster desired = new HyperbytedbCluster();
    Map<String, String> annotations = new LinkedHashMap<>(
        Optional.ofNullable(live.getMetadata().getAnnotations()).orElse(Map.of()));
    annotations.remove("kubectl.kubernetes.io/last-applied-configuration");
    HyperbytedbClusterSpec spec = Serialization.clone(live.getSpec());
    if (change == null) {
      annotations.put(OperatorPaths.RESTARTED_AT_ANNOTATION, "2026-12-07T09:00:00+00:00");
    } else {
      change.accept(spec);
    }
    desired.setMetadata(new ObjectMetaBuilder().withName(live.getMetadata().getName())
        .withNamespace(live.getMetadata().getNamespace()).withAnnotations(annotations.isEmpty() ? null : annotations)
        .build());
    desired.setSpec(spec);
    return desired;
  }

  /** The namespace's objects as kubectl prints them, in a file. */
  private Path export(String name) throws IOException {
    Path file = dir.resolve(name + "-live-" + System.nanoTime() + ".yaml");
    Files.writeString(file, KubectlExport.yaml(user, NS));
    return file;
  }
}
