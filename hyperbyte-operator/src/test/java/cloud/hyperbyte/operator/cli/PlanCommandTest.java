package cloud.hyperbyte.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.testkit.golden.GoldenFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code hyperbyte plan}: the plan of a create for every example, an upgrade, a scale-up and a scale-down of the
 * converged example cluster ({@code live-*.yaml}, exported from the simulated cluster by
 * {@code PlanFixturesE2eTest}), no change, and refusals; text and JSON outputs are golden files.
 */
class PlanCommandTest {

  private static final Path PROJECT = Path.of(System.getProperty("hyperbyte.project.dir", ".."));
  private static final Path EXAMPLES = PROJECT.resolve("examples");
  private static final Path GOLDEN = PROJECT.resolve("hyperbyte-operator/src/test/resources/plan");
  private static final Path GO_OPERATOR = PROJECT.resolve(
      "hyperbyte-operator/src/test/resources/cloud/hyperbyte/operator/go-operator/adoption");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = HyperbyteCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void everyExampleHasACreatePlanThatStartsItsMembersAndExits3() {
    for (String example : RenderCommand.EXAMPLES) {
      String file = EXAMPLES.resolve(example + ".yaml").toString();
      Run text = run("plan", "-f", file);
      Run json = run("plan", "-f", file, "-o", "json");

      assertThat(text.code()).as(example).isEqualTo(PlanCommand.CHANGES);
      assertThat(json.code()).as(example).isEqualTo(PlanCommand.CHANGES);
      assertThat(text.out()).as(example).contains("create     StatefulSet ", "start-member");
      GoldenFiles.assertMatches(GOLDEN.resolve("create-" + example + ".txt"), text.out());
      GoldenFiles.assertMatches(GOLDEN.resolve("create-" + example + ".json"), json.out());
    }
  }

  @Test
  void aVersionChangeOfTheConvergedThreeMemberClusterRestartsEachMemberOnceTheLeaderLast() throws IOException {
    Path manifest = changed("three-node", "version: \"0.8.5\"", "version: \"0.8.6\"");

    Run text = run("plan", "-f", manifest.toString(), "--live", GOLDEN.resolve("live-three-node.yaml").toString());
    Run json = run("plan", "-f", manifest.toString(), "--live", GOLDEN.resolve("live-three-node.yaml").toString(),
        "-o", "json");

    assertThat(text.code()).isEqualTo(PlanCommand.CHANGES);
    JsonNode plan = JSON.readTree(json.out());
    List<String> restarts = plan.path("steps").valueStream()
        .filter(step -> step.path("action").asString().equals("restart"))
        .map(step -> step.path("member").asString()).toList();
    assertThat(restarts).as("node 1 (hyperbytedb-0) leads in the fixture").containsExactly(
        "hyperbytedb-2", "hyperbytedb-1", "hyperbytedb-0");
    assertThat(plan.path("risks").path("membersRestarted").asInt()).isEqualTo(3);
    assertThat(plan.path("risks").path("maxMembersOutAtOnce").asInt()).isEqualTo(1);
    GoldenFiles.assertMatches(GOLDEN.resolve("upgrade-three-node.txt"), text.out());
    GoldenFiles.assertMatches(GOLDEN.resolve("upgrade-three-node.json"), json.out());
  }

  @Test
  void aScaleDownFromFiveToThreeDrainsAndRemovesTheHighestMembersOneAtATime() throws IOException {
    Path manifest = changed("three-node", "replicas: 3", "replicas: 3");

    Run text = run("plan", "-f", manifest.toString(), "--live", GOLDEN.resolve("live-five-node.yaml").toString());
    Run json = run("plan", "-f", manifest.toString(), "--live", GOLDEN.resolve("live-five-node.yaml").toString(),
        "-o", "json");

    assertThat(text.code()).isEqualTo(PlanCommand.CHANGES);
    assertThat(text.out()).containsSubsequence("drain", "hyperbytedb-4", "remove-node", "hyperbytedb-4",
        "stop-member", "hyperbytedb-4", "drain", "hyperbytedb-3", "remove-node", "hyperbytedb-3");
    GoldenFiles.assertMatches(GOLDEN.resolve("scale-down-five-to-three.txt"), text.out());
    GoldenFiles.assertMatches(GOLDEN.resolve("scale-down-five-to-three.json"), json.out());
  }

  @Test
  void aScaleUpFromThreeToFiveSeedsEachNewMemberBeforeItStartsAndJoins() throws IOException {
    Path manifest = changed("three-node", "replicas: 3", "replicas: 5");

    Run text = run("plan", "-f", manifest.toString(), "--live", GOLDEN.resolve("live-three-node.yaml").toString());
    Run json = run("plan", "-f", manifest.toString(), "--live", GOLDEN.resolve("live-three-node.yaml").toString(),
        "-o", "json");

    assertThat(text.code()).isEqualTo(PlanCommand.CHANGES);
    List<String> steps = JSON.readTree(json.out()).path("steps").valueStream()
        .map(step -> step.path("action").asString() + " " + step.path("member").asString())
        .filter(step -> !step.contains("-proxy ")).toList();
    assertThat(steps).containsExactly("seed hyperbytedb-3", "seed hyperbytedb-4", "start-member hyperbytedb-3",
        "add-node hyperbytedb-3", "start-member hyperbytedb-4", "add-node hyperbytedb-4");
    assertThat(text.out()).contains("seeded from a fresh backup of hyperbytedb-");
    GoldenFiles.assertMatches(GOLDEN.resolve("scale-up-three-to-five.txt"), text.out());
    GoldenFiles.assertMatches(GOLDEN.resolve("scale-up-three-to-five.json"), json.out());
  }

  @Test
  void aClusterTheGoOperatorMadeIsAdoptedInPlaceAndThePlanListsEveryStepAndDeletion() {
    String manifest = GO_OPERATOR.resolve("hdb-cluster.yaml").toString();
    String live = GOLDEN.resolve("live-go-operator-hdb.yaml").toString();

    Run text = run("plan", "-f", manifest, "--live", live);
    Run json = run("plan", "-f", manifest, "--live", live, "-o", "json");

    assertThat(text.code()).as(text.err()).isEqualTo(PlanCommand.CHANGES);
    JsonNode plan = JSON.readTree(json.out());
    assertThat(plan.path("steps").valueStream().map(s -> s.path("action").asString() + " "
        + (s.path("member").isNull() ? s.path("object").asString() : s.path("member").asString())).toList())
        .as("the finalizer first, in a pass of its own; the Go budget pruned and its proxy kept in the apply; the"
            + " StatefulSet replaced; then one restart per member, the leader (hdb-0, node 1) last; with async"
            + " replication and data written, a member's drain times out and its peers keep it: nothing to re-add")
        .containsExactly(
            "remove-finalizer HyperbytedbCluster hdb",
            "replace-pdb PodDisruptionBudget hdb-pdb",
            "keep-proxy Deployment hdb-proxy",
            "keep-proxy Service hdb-proxy",
            "replace-statefulset StatefulSet hdb",
            "restart hdb-2", "restart hdb-1", "restart hdb-0");
    assertThat(plan.path("steps").valueStream().filter(s -> s.path("action").asString().equals("restart"))
        .map(s -> s.path("reason").asString())).allSatisfy(r -> assertThat(r).startsWith("reason: adoption"));
    assertThat(plan.path("objects").valueStream().map(o -> o.path("action").asString() + " " + o.path("kind")
        .asString() + " " + o.path("name").asString()).toList())
        .contains("replace StatefulSet hdb", "replace PodDisruptionBudget hdb-pdb", "kept Deployment hdb-proxy",
            "kept Service hdb-proxy");
    JsonNode risks = plan.path("risks");
    assertThat(risks.path("membersRestarted").asInt()).isEqualTo(3);
    assertThat(risks.path("maxMembersOutAtOnce").asInt()).isEqualTo(1);
    assertThat(risks.path("dataDeleted").valueStream()).as("no PVC").isEmpty();
    assertThat(risks.path("flagged").valueStream().map(JsonNode::asString).toList()).anySatisfy(f -> assertThat(f)
        .contains("StatefulSet hdb is deleted with orphan propagation", "pods keep running", "no PVC is deleted"));
    GoldenFiles.assertMatches(GOLDEN.resolve("adopt-go-operator-hdb.txt"), text.out());
    GoldenFiles.assertMatches(GOLDEN.resolve("adopt-go-operator-hdb.json"), json.out());
  }

  @Test
  void theGoOperatorsTlsSecretIsReplacedBeforeTheStatefulSetAndTheMemberRestartsOnce() {
    String manifest = GO_OPERATOR.resolve("hdbt-cluster.yaml").toString();
    String live = GOLDEN.resolve("live-go-operator-hdbt.yaml").toString();

    Run text = run("plan", "-f", manifest, "--live", live);
    Run json = run("plan", "-f", manifest, "--live", live, "-o", "json");

    assertThat(text.code()).as(text.err()).isEqualTo(PlanCommand.CHANGES);
    JsonNode plan = JSON.readTree(json.out());
    assertThat(plan.path("steps").valueStream().map(s -> s.path("action").asString()).toList())
        .containsSubsequence("remove-finalizer", "replace-secret", "replace-statefulset", "restart")
        .filteredOn("restart"::equals).hasSize(1);
    assertThat(plan.path("objects").valueStream().filter(o -> o.path("kind").asString().equals("Secret")))
        .singleElement().satisfies(o -> {
          assertThat(o.path("action").asString()).isEqualTo("replace");
          assertThat(o.path("fields").get(0).asString()).isEqualTo("type: kubernetes.io/tls -> Opaque");
        });
    GoldenFiles.assertMatches(GOLDEN.resolve("adopt-go-operator-hdbt.txt"), text.out());
    GoldenFiles.assertMatches(GOLDEN.resolve("adopt-go-operator-hdbt.json"), json.out());
  }

  @Test
  void theSpecTheClusterAlreadyRunsHasNothingToDoAndExits0() {
    Run run = run("plan", "-f", EXAMPLES.resolve("three-node.yaml").toString(),
        "--live", GOLDEN.resolve("live-three-node.yaml").toString());

    assertThat(run.code()).as(run.out()).isEqualTo(PlanCommand.NOTHING_TO_DO);
    assertThat(run.out()).contains("Nothing to do. Exit code 0.").doesNotContain("create ", "update ");
  }

  @Test
  void anInvalidSpecExits2WithTheFieldPathAsRenderPrintsIt() throws IOException {
    Path manifest = changed("three-node", "replicas: 3", "replicas: -1");

    Run run = run("plan", "-f", manifest.toString());

    assertThat(run.code()).isEqualTo(PlanCommand.INVALID);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("spec.replicas").startsWith("error: ");
  }

  @Test
  void aLiveListingWithoutTheClusterExits1() throws IOException {
    Path empty = dir.resolve("empty.yaml");
    Files.writeString(empty, "apiVersion: v1\nkind: List\nitems: []\n");

    Run run = run("plan", "-f", EXAMPLES.resolve("three-node.yaml").toString(), "--live", empty.toString());

    assertThat(run.code()).isEqualTo(PlanCommand.UNREADABLE);
    assertThat(run.err()).contains("holds no HyperbytedbCluster hyperbytedb/hyperbytedb");
  }

  /** The example with {@code from} replaced by {@code to}, in a file. */
  private Path changed(String example, String from, String to) throws IOException {
    String text = Files.readString(EXAMPLES.resolve(example + ".yaml"));
    assertThat(text).contains(from);
    Path file = dir.resolve(example + "-changed.yaml");
    Files.writeString(file, text.replace(from, to));
    return file;
  }
}
