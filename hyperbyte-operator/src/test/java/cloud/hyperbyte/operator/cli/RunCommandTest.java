package cloud.hyperbyte.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.operator.controller.OperatorSettings;
import cloud.hyperbyte.operator.leader.LeaseSettings;
import java.nio.file.Path;
import java.util.Map;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class RunCommandTest {

  private static final Map<String, String> POD_ENV = Map.of("POD_NAME", "op-7d9f-abcde", "POD_NAMESPACE", "hyperbytedb-system");

  private static RunCommand parse(String... args) {
    return parse(POD_ENV, args);
  }

  private static RunCommand parse(Map<String, String> env, String... args) {
    CommandLine.ParseResult result =
        HyperbyteCommand.commandLine(new ProcessEnvironment(env, Path::of)).parseArgs(args);
    return (RunCommand) result.subcommand().commandSpec().userObject();
  }

  @Test
  void theChartsDefaultArgumentsGiveAClusterWideElectingOperator() {
    // the args of charts/hyperbytedb-operator/templates/deployment.yaml with default values
    OperatorSettings settings = parse("run", "--cluster-domain=cluster.local", "--leader-election=true",
        "--lease-name=hyperbytedb-operator-leader", "--metrics-port=8080", "--health-port=8081",
        "--log-level=info", "--log-format=text").settings("ignored");

    assertThat(settings.namespaces().isAll()).isTrue();
    assertThat(settings.clusterDomain()).isEqualTo("cluster.local");
    assertThat(settings.metricsPort()).isEqualTo(8080);
    assertThat(settings.healthPort()).isEqualTo(8081);
    LeaseSettings lease = settings.leaderElection().orElseThrow();
    assertThat(lease.leaseName()).isEqualTo("hyperbytedb-operator-leader");
    assertThat(lease.namespace()).as("the Lease lives in the operator's own namespace").isEqualTo("hyperbytedb-system");
    assertThat(lease.identity()).isEqualTo("op-7d9f-abcde");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--cluster-domain=cluster.local\"; id; echo \"", "--cluster-domain=x$(touch F)",
      "--cluster-domain=", "--namespaces=team-a,Team_B", "--leader-election-namespace=a;b"})
  void aDomainOrNamespaceThatIsNoDnsNameStopsTheProcessBeforeItConnects(String flag) {
    StringWriter err = new StringWriter();
    CommandLine commandLine = HyperbyteCommand.commandLine();
    commandLine.setErr(new PrintWriter(err));

    int exit = commandLine.execute("run", flag);

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains(flag.substring(0, flag.indexOf('=')) + ":");
  }

  @Test
  void namespacedInstallWithoutElection() {
    OperatorSettings settings = parse("run", "--namespaces=team-a,team-b", "--cluster-domain=corp.local",
        "--leader-election=false", "--metrics-port=9090", "--health-port=9091", "--log-level=debug",
        "--log-format=json").settings("ignored");

    assertThat(settings.namespaces().namespaces()).containsExactly("team-a", "team-b");
    assertThat(settings.clusterDomain()).isEqualTo("corp.local");
    assertThat(settings.leaderElection()).isEmpty();
    assertThat(settings.metricsPort()).isEqualTo(9090);
    assertThat(settings.operatorImage()).as("no image: backups and restores stay unreconciled").isEmpty();
  }

  @Test
  void theOperatorImageEnablesBackupsAndRestores() {
    OperatorSettings settings = parse("run", "--operator-image=ghcr.io/hyperbyte-cloud/hyperbytedb-operator:0.1.0")
        .settings("x");
    assertThat(settings.operatorImage()).contains("ghcr.io/hyperbyte-cloud/hyperbytedb-operator:0.1.0");
  }

  @Test
  void electionCanBeSwitchedOffAsANegatedFlagAndTheLeaseNamespaceGiven() {
    assertThat(parse("run", "--no-leader-election").settings("x").leaderElection()).isEmpty();

    OperatorSettings settings = parse("run", "--leader-election", "--leader-election-namespace=ops").settings("x");
    assertThat(settings.leaderElection().orElseThrow().namespace()).isEqualTo("ops");
  }

  @Test
  void withoutFlagsTheDefaultsMatchTheChartsPorts() {
    RunCommand run = parse(Map.of(), "run");
    OperatorSettings settings = run.settings("from-kubeconfig");

    assertThat(settings.metricsPort()).isEqualTo(8080);
    assertThat(settings.healthPort()).isEqualTo(8081);
    assertThat(settings.leaderElection().orElseThrow().namespace()).isEqualTo("from-kubeconfig");
    assertThat(settings.leaderElection().orElseThrow().leaseName()).isEqualTo("hyperbytedb-operator-leader");
  }
}
