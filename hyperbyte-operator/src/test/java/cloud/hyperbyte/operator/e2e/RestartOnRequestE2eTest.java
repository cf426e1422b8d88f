package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.OperatorPaths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Restart on request (issue 16, item 3): the {@code restartedAt} annotation restarts every database
 * member once, with the rolling upgrade's safety, and each restart's event says it was requested.
 */
class RestartOnRequestE2eTest extends OperatorE2eTest {

  /** The operator's event message: the pod it concerns, then the action's own words. */
  private static final Pattern RESTART = Pattern.compile("(\\S+): Restarting pod \\1 on revision \\S+; (.*)");

  @Test
  void theRestartedAtAnnotationRestartsEachMemberOnceOneAtATimeWithTheLeaderLastAndSaysItWasRequested() {
    create(Manifests.cluster("hdb", 3));
    awaitRunning("hdb", 3);

    RollingRestart roll = rollThreeMembers(() -> requestRestart("hdb", "2026-12-07T07:00:00+00:00"));

    List<String> restarted = roll.restarted();
    List<String> announced = roll.announced().stream().map(EventLog.Recorded::message).toList();
    assertThat(announced).allSatisfy(message -> assertThat(message).matches(RESTART));
    assertThat(announced).extracting(message -> part(message, 1)).as("one event per restart, in restart order")
        .isEqualTo(restarted);
    assertThat(announced).extracting(message -> part(message, 2)).containsOnly("reason: request");
    for (String pod : restarted) {
      assertThat(pod(pod).getMetadata().getAnnotations())
          .containsEntry(OperatorPaths.RESTARTED_AT_ANNOTATION, "2026-12-07T07:00:00+00:00");
    }
    assertThat(voters("hdb")).containsExactly(1L, 2L, 3L);

    int replacedAfter = history.replacements().size();
    int restartEventsAfter = events.withReason("hdb", "MemberRestart").size();
    requestRestart("hdb", "2026-12-07T07:00:00+00:00");
    edit("hdb", c -> {
      c.getMetadata().getAnnotations().put("example.com/touched", "yes"); // a pass that sees the same request
      return c;
    });
    awaitMoreReconciles(3);

    assertThat(history.replacementsSince(replacedAfter)).as("the same request restarts nothing").isEmpty();
    assertThat(events.withReason("hdb", "MemberRestart")).hasSize(restartEventsAfter);
  }

  private static String part(String message, int group) {
    Matcher matcher = RESTART.matcher(message);
    return matcher.matches() ? matcher.group(group) : message;
  }

  /** What {@code kubectl annotate ... restartedAt=VALUE --overwrite} does. */
  private void requestRestart(String name, String value) {
    edit(name, c -> {
      c.getMetadata().setAnnotations(new LinkedHashMap<>(
          c.getMetadata().getAnnotations() == null ? Map.of() : c.getMetadata().getAnnotations()));
      c.getMetadata().getAnnotations().put(OperatorPaths.RESTARTED_AT_ANNOTATION, value);
      return c;
    });
  }
}
