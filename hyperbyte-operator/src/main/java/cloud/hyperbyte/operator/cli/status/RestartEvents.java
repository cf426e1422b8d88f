package cloud.hyperbyte.operator.cli.status;

import cloud.hyperbyte.reconcile.decision.Action;
import cloud.hyperbyte.reconcile.decision.RestartReason;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The newest {@code MemberRestart} event of each member. The operator records them on the cluster,
 * the message starting with the pod's name and ending with its reasons ({@link RestartReason#describe}).
 */
final class RestartEvents {

  private static final Pattern MESSAGE = Pattern.compile("([^:\\s]+): .*; reasons?: ([a-z, ]+)$");

  private RestartEvents() {}

  /** A restart of one member: its reasons' wire names and when it was recorded. */
  record Restart(List<String> reasons, String time) {
    ClusterStatusReport.LastRestart report() {
      return new ClusterStatusReport.LastRestart(reasons, time);
    }
  }

  /** The newest restart per pod name among {@code events} on HyperbytedbCluster {@code cluster}. */
  static Map<String, Restart> lastPerPod(String cluster, List<Event> events) {
    Map<String, Restart> last = new HashMap<>();
    for (Event event : events) {
      if (!Action.RESTART_EVENT.equals(event.getReason()) || event.getInvolvedObject() == null
          || !cluster.equals(event.getInvolvedObject().getName())
          || !"HyperbytedbCluster".equals(event.getInvolvedObject().getKind()) || event.getMessage() == null) {
        continue;
      }
      Matcher matcher = MESSAGE.matcher(event.getMessage());
      if (!matcher.matches()) {
        continue;
      }
      List<String> reasons = Arrays.stream(matcher.group(2).split(",\\s*"))
          .filter(r -> Arrays.stream(RestartReason.values()).anyMatch(known -> known.wireName().equals(r)))
          .toList();
      Restart restart = new Restart(reasons, time(event));
      last.merge(matcher.group(1), restart, (a, b) -> compare(a.time(), b.time()) >= 0 ? a : b);
    }
    return last;
  }

  private static String time(Event event) {
    return Optional.ofNullable(event.getLastTimestamp())
        .or(() -> Optional.ofNullable(event.getEventTime()).map(t -> t.getTime()))
        .orElse(event.getMetadata() == null ? null : event.getMetadata().getCreationTimestamp());
  }

  /** Orders RFC 3339 timestamps by the instant they name; a missing or unreadable one is oldest. */
  private static int compare(String a, String b) {
    return instant(a).compareTo(instant(b));
  }

  private static Instant instant(String time) {
    try {
      return time == null ? Instant.MIN : OffsetDateTime.parse(time).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.MIN;
    }
  }
}
