package cloud.hyperbyte.operator.cli;

import cloud.hyperbyte.operator.cli.status.ClusterReader;
import cloud.hyperbyte.operator.cli.status.ClusterStatusReport;
import cloud.hyperbyte.operator.cli.status.StatusJson;
import cloud.hyperbyte.operator.cli.status.StatusTable;
import cloud.hyperbyte.operator.logging.LogSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.event.Level;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code status NAME}: one HyperbytedbCluster as it is now, read-only: its members (node id, pod,
 * Raft role, database state, health, readiness, version, last restart and why), conditions, the
 * operation under way and its progress, and the last run of each of its backups.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show a HyperbytedbCluster's members, conditions, operation under way and backups. Read-only: needs get on"
          + " hyperbytedbclusters and list on pods, events and hyperbytedbbackups in the namespace.",
      "Exit codes: 0 shown; 1 no such cluster, or the API server could not be reached or refused the reads;"
          + " 2 usage error."
    })
public final class StatusCommand implements Callable<Integer> {

  /** Exit code when the cluster does not exist or cannot be read. */
  static final int NOT_READ = 1;

  /** Output formats. */
  enum Format { TABLE, JSON }

  @Parameters(index = "0", paramLabel = "NAME", description = "Name of the HyperbytedbCluster.")
  String name;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table (for people) or json (stable shape for tools; see the README). Default: ${DEFAULT-VALUE}.")
  Format format;

  @Mixin KubeconfigOptions connection;

  @CommandLine.ParentCommand HyperbyteCommand root;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // the client's warnings (e.g. that v1alpha1 is not a stable version) are not for this command's user
    Level level = LogSettings.level();
    LogSettings.configure(Level.ERROR, LogSettings.format());
    try (KubernetesClient client = connection.connect(root.environment())) {
      String namespace = connection.namespace(client);
      try {
        Optional<ClusterStatusReport> report = new ClusterReader(client).read(namespace, name);
        if (report.isEmpty()) {
          err.println("error: no HyperbytedbCluster " + name + " in namespace " + namespace);
          err.flush();
          return NOT_READ;
        }
        out.print(format == Format.JSON ? StatusJson.write(report.get()) : StatusTable.format(report.get()));
        out.flush();
        return 0;
      } catch (KubernetesClientException e) {
        err.println("error: could not read HyperbytedbCluster " + namespace + "/" + name + " from "
            + client.getMasterUrl() + ": " + reason(e));
        err.flush();
        return NOT_READ;
      }
    } catch (KubernetesClientException e) {
      // the kubeconfig could not be used (no such context, unreadable credentials …)
      err.println("error: could not connect: " + reason(e));
      err.flush();
      return NOT_READ;
    } finally {
      LogSettings.configure(level, LogSettings.format());
    }
  }

  /** The API server's status message, else what failed underneath (connection refused, unknown host …). */
  private static String reason(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return e.getCode() + " " + e.getStatus().getMessage();
    }
    // the deepest cause that says something: fabric8's own message only names the operation
    String message = "the connection to the API server failed";
    for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        message = cause.getMessage();
      }
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
