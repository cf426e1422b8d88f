package cloud.hyperbyte.operator.cli.status;

import cloud.hyperbyte.operator.cli.status.ClusterStatusReport.Backup;
import cloud.hyperbyte.operator.cli.status.ClusterStatusReport.Condition;
import cloud.hyperbyte.operator.cli.status.ClusterStatusReport.Member;
import cloud.hyperbyte.operator.cli.status.ClusterStatusReport.Operation;
import cloud.hyperbyte.reconcile.backup.HumanSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@link ClusterStatusReport} as text for a person: a summary, then one aligned table per part. */
public final class StatusTable {

  private static final String NONE = "-";

  private StatusTable() {}

  /** The report as lines ending with a newline. */
  public static String format(ClusterStatusReport report) {
    StringBuilder out = new StringBuilder();
    out.append(columns(List.of(
        List.of("Cluster:", report.namespace() + "/" + report.name()),
        List.of("Phase:", text(report.phase()) + (report.paused() ? " (paused)" : "")
            + generation(report)),
        List.of("Version:", text(report.currentVersion())
            + (report.targetVersion() == null || report.targetVersion().equals(report.currentVersion()) ? ""
                : " (rolling out " + report.targetVersion() + ")")),
        List.of("Replicas:", text(report.readyReplicas()) + " ready of " + text(report.desiredReplicas())
            + " desired"),
        List.of("State:", "cluster " + text(report.clusterState()) + ", replication " + text(report.replicationState())),
        List.of("Operation:", operation(report.operation())))));
    out.append('\n');
    List<List<String>> members = new ArrayList<>();
    members.add(List.of("MEMBER", "NODE", "ROLE", "VOTER", "STATE", "HEALTH", "READY", "VERSION", "LAST RESTART"));
    for (Member m : report.members()) {
      members.add(List.of(m.pod(), text(m.nodeId()), text(m.raftRole()), yesNo(m.voter()), text(m.state()),
          yesNo(m.health()), yesNo(m.ready()), text(m.version()),
          m.lastRestart() == null ? NONE
              : String.join(",", m.lastRestart().reasons()) + " at " + text(m.lastRestart().time())));
    }
    out.append(columns(members)).append('\n');
    List<List<String>> conditions = new ArrayList<>();
    conditions.add(List.of("CONDITION", "STATUS", "REASON", "SINCE", "MESSAGE"));
    for (Condition c : report.conditions()) {
      conditions.add(List.of(text(c.type()), text(c.status()), text(c.reason()), text(c.lastTransitionTime()),
          text(c.message())));
    }
    out.append(columns(conditions)).append('\n');
    if (report.backups().isEmpty()) {
      out.append("No backups.\n");
    } else {
      List<List<String>> backups = new ArrayList<>();
      backups.add(List.of("BACKUP", "SCHEDULE", "PHASE", "LAST RUN", "FINISHED", "SIZE", "SNAPSHOT OR ERROR"));
      for (Backup b : report.backups()) {
        var run = b.lastRun();
        backups.add(List.of(b.name(), text(b.schedule()), text(b.phase()),
            run == null ? NONE : text(run.phase()), run == null ? NONE : text(run.completionTime()),
            run == null || run.sizeBytes() == null ? NONE : HumanSize.of(run.sizeBytes()),
            run == null ? NONE : text(run.backupPath() != null ? run.backupPath() : run.message())));
      }
      out.append(columns(backups));
    }
    return out.toString();
  }

  private static String generation(ClusterStatusReport report) {
    if (report.generation() == null || Objects.equals(report.generation(), report.observedGeneration())) {
      return "";
    }
    return " (generation " + report.generation() + " not observed yet; status is of " + text(report.observedGeneration())
        + ")";
  }

  private static String operation(Operation operation) {
    if (operation == null) {
      return "none";
    }
    StringBuilder text = new StringBuilder(operation.kind());
    if (operation.member() != null) {
      text.append(": ").append(operation.member());
    }
    if (operation.step() != null) {
      text.append(' ').append(operation.step());
    }
    if (operation.since() != null) {
      text.append(" since ").append(operation.since());
    }
    return text.append(" (").append(operation.progress()).append(')').toString();
  }

  /** Rows with each column padded to its widest cell, two spaces apart; the last column is not padded. */
  private static String columns(List<List<String>> rows) {
    int count = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[count];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i] + 2));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String pad(String cell, int width) {
    return cell + " ".repeat(width - cell.length());
  }

  private static String yesNo(Boolean value) {
    return value == null ? NONE : value ? "yes" : "no";
  }

  private static String text(Object value) {
    return value == null ? NONE : value.toString();
  }
}
