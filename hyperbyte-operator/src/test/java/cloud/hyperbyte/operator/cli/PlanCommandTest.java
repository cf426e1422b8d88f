package cloud.hyperbyte.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.testkit.golden.GoldenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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

  @Test
  void everyExampleHasACreatePlanThatStartsItsMembersAndExits3() {
    for (String example : RenderCommand.EXAMPLES) {
      String file = EXAMPLES.resolve(example + ".yaml").toString();
      CliRun text = CliRun.of("plan", "-f", file);
      CliRun json = CliRun.of("plan", "-f", file, "-o", "json");

      assertThat(text.exit()).as(example).isEqualTo(PlanCommand.CHANGES);
      assertThat(json.exit()).as(example).isEqualTo(PlanCommand.CHANGES);
      assertThat(text.out()).as(example).contains("create     StatefulSet ", "start-member");
      GoldenFiles.assertMatches(GOLDEN.resolve("create-" + example + ".txt"), text.out());
      GoldenFiles.assertMatches(GOLDEN.resolve("create-" + example + ".json"), json.out());
    }
  }

  /** Where a case's manifest comes from: a file of the repository, or an example edited into {@code dir}. */
  @FunctionalInterface
  private interface ManifestSource {
    Path in(Path dir) throws IOException;
  }

  /** What a case checks beyond the exit code and the golden files: the text output and the JSON plan. */
  @FunctionalInterface
  private interface PlanCheck {
    void check(CliRun text, JsonNode plan);
  }

  /** A change to a live cluster: the manifest, the live listing, the golden files' name and the checks of its plan. */
  private record LiveChange(ManifestSource manifest, String live, String golden, PlanCheck check) {}

  static Stream<Arguments> changesToALiveCluster() {
    return Stream.of(
        Arguments.of(Named.of("a version change of the converged three-member cluster restarts each member once,"
            + " the leader last", new LiveChange(
                dir -> changed(dir, "three-node", "version: \"0.8.5\"", "version: \"0.8.6\""),
                "live-three-node.yaml", "upgrade-three-node", (text, plan) -> {
                  List<String> restarts = plan.path("steps").valueStream()
                      .filter(step -> step.path("action").asString().equals("restart"))
                      .map(step -> step.path("member").asString()).toList();
                  assertThat(restarts).as("node 1 (hyperbytedb-0) leads in the fixture").containsExactly(
                      "hyperbytedb-2", "hyperbytedb-1", "hyperbytedb-0");
                  assertThat(plan.path("risks").path("membersRestarted").asInt()).isEqualTo(3);
                  assertThat(plan.path("risks").path("maxMembersOutAtOnce").asInt()).isEqualTo(1);
                }))),
        Arguments.of(Named.of("a scale-down from five to three drains and removes the highest members one at a time",
            new LiveChange(dir -> changed(dir, "three-node", "replicas: 3", "replicas: 3"),
                "live-five-node.yaml", "scale-down-five-to-three", (text, plan) ->
                    assertThat(text.out()).containsSubsequence("drain", "hyperbytedb-4", "remove-node",
                        "hyperbytedb-4", "stop-member", "hyperbytedb-4", "drain", "hyperbytedb-3", "remove-node",
                        "hyperbytedb-3")))),
        Arguments.of(Named.of("a scale-up from three to five seeds each new member before it starts and joins",
            new LiveChange(dir -> changed(dir, "three-node", "replicas: 3", "replicas: 5"),
                "live-three-node.yaml", "scale-up-three-to-five", (text, plan) -> {
                  List<String> steps = plan.path("steps").valueStream()
                      .map(step -> step.path("action").asString() + " " + step.path("member").asString())
                      .filter(step -> !step.contains("-proxy ")).toList();
                  assertThat(steps).containsExactly("seed hyperbytedb-3", "seed hyperbytedb-4",
                      "start-member hyperbytedb-3", "add-node hyperbytedb-3", "start-member hyperbytedb-4",
                      "add-node hyperbytedb-4");
                  assertThat(text.out()).contains("seeded from a fresh backup of hyperbytedb-");
                }))),
        Arguments.of(Named.of("a cluster the Go operator made is adopted in place and the plan lists every step and"
            + " deletion", new LiveChange(dir -> GO_OPERATOR.resolve("hdb-cluster.yaml"),
                "live-go-operator-hdb.yaml", "adopt-go-operator-hdb", (text, plan) -> {
                  assertThat(plan.path("steps").valueStream().map(s -> s.path("action").asString() + " "
                      + (s.path("member").isNull() ? s.path("object").asString() : s.path("member").asString()))
                      .toList())
                      .as("the finalizer first, in a pass of its own; the Go budget pruned and its proxy kept in the"
                          + " apply; the StatefulSet replaced; then one restart per member, the leader (hdb-0, node"
                          + " 1) last; with async replication and data written, a member's drain times out and its"
                          + " peers keep it: nothing to re-add")
                      .containsExactly(
                          "remove-finalizer HyperbytedbCluster hdb",
                          "replace-pdb PodDisruptionBudget hdb-pdb",
                          "keep-proxy Deployment hdb-proxy",
                          "keep-proxy Service hdb-proxy",
                          "replace-statefulset StatefulSet hdb",
                          "restart hdb-2", "restart hdb-1", "restart hdb-0");
                  assertThat(plan.path("steps").valueStream().filter(s -> s.path("action").asString().equals("restart"))
                      .map(s -> s.path("reason").asString()))
                      .allSatisfy(r -> assertThat(r).startsWith("reason: adoption"));
                  assertThat(plan.path("objects").valueStream().map(o -> o.path("action").asString() + " "
                      + o.path("kind").asString() + " " + o.path("name").asString()).toList())
                      .contains("replace StatefulSet hdb", "replace PodDisruptionBudget hdb-pdb",
                          "kept Deployment hdb-proxy", "kept Service hdb-proxy");
                  JsonNode risks = plan.path("risks");
                  assertThat(risks.path("membersRestarted").asInt()).isEqualTo(3);
                  assertThat(risks.path("maxMembersOutAtOnce").asInt()).isEqualTo(1);
                  assertThat(risks.path("dataDeleted").valueStream()).as("no PVC").isEmpty();
                  assertThat(risks.path("flagged").valueStream().map(JsonNode::asString).toList())
                      .anySatisfy(f -> assertThat(f).contains("StatefulSet hdb is deleted with orphan propagation",
                          "pods keep running", "no PVC is deleted"));
                }))),
        Arguments.of(Named.of("the Go operator's TLS Secret is replaced before the StatefulSet and the member restarts"
            + " once", new LiveChange(dir -> GO_OPERATOR.resolve("hdbt-cluster.yaml"),
                "live-go-operator-hdbt.yaml", "adopt-go-operator-hdbt", (text, plan) -> {
                  assertThat(plan.path("steps").valueStream().map(s -> s.path("action").asString()).toList())
                      .containsSubsequence("remove-finalizer", "replace-secret", "replace-statefulset", "restart")
                      .filteredOn("restart"::equals).hasSize(1);
                  assertThat(plan.path("objects").valueStream().filter(o -> o.path("kind").asString().equals("Secret")))
                      .singleElement().satisfies(o -> {
                        assertThat(o.path("action").asString()).isEqualTo("replace");
                        assertThat(o.path("fields").get(0).asString()).isEqualTo("type: kubernetes.io/tls -> Opaque");
                      });
                }))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changesToALiveCluster")
  void aChangeToALiveClusterExits3WithThePlanItsGoldenFilesHold(LiveChange change) throws IOException {
    String manifest = change.manifest().in(dir).toString();
    String live = GOLDEN.resolve(change.live()).toString();

    CliRun text = CliRun.of("plan", "-f", manifest, "--live", live);
    CliRun json = CliRun.of("plan", "-f", manifest, "--live", live, "-o", "json");

    assertThat(text.exit()).as(text.err()).isEqualTo(PlanCommand.CHANGES);
    change.check().check(text, JSON.readTree(json.out()));
    GoldenFiles.assertMatches(GOLDEN.resolve(change.golden() + ".txt"), text.out());
    GoldenFiles.assertMatches(GOLDEN.resolve(change.golden() + ".json"), json.out());
  }

  @Test
  void theSpecTheClusterAlreadyRunsHasNothingToDoAndExits0() {
    CliRun run = CliRun.of("plan", "-f", EXAMPLES.resolve("three-node.yaml").toString(),
        "--live", GOLDEN.resolve("live-three-node.yaml").toString());

    assertThat(run.exit()).as(run.out()).isEqualTo(PlanCommand.NOTHING_TO_DO);
    assertThat(run.out()).contains("Nothing to do. Exit code 0.").doesNotContain("create ", "update ");
  }

  @Test
  void anInvalidSpecExits2WithTheFieldPathAsRenderPrintsIt() throws IOException {
    Path manifest = changed(dir, "three-node", "replicas: 3", "replicas: -1");

    CliRun run = CliRun.of("plan", "-f", manifest.toString());

    assertThat(run.exit()).isEqualTo(PlanCommand.INVALID);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("spec.replicas").startsWith("error: ");
  }

  @Test
  void aLiveListingWithoutTheClusterExits1() throws IOException {
    Path empty = dir.resolve("empty.yaml");
    Files.writeString(empty, "apiVersion: v1\nkind: List\nitems: []\n");

    CliRun run = CliRun.of("plan", "-f", EXAMPLES.resolve("three-node.yaml").toString(), "--live", empty.toString());

    assertThat(run.exit()).isEqualTo(PlanCommand.UNREADABLE);
    assertThat(run.err()).contains("holds no HyperbytedbCluster hyperbytedb/hyperbytedb");
  }

  /** The example with {@code from} replaced by {@code to}, in a file in {@code dir}. */
  private static Path changed(Path dir, String example, String from, String to) throws IOException {
    String text = Files.readString(EXAMPLES.resolve(example + ".yaml"));
    assertThat(text).contains(from);
    Path file = dir.resolve(example + "-changed.yaml");
    Files.writeString(file, text.replace(from, to));
    return file;
  }
}
