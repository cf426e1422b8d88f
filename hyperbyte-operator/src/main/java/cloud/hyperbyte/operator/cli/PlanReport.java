package cloud.hyperbyte.operator.cli;

import cloud.hyperbyte.reconcile.plan.ChangePlan;
import cloud.hyperbyte.reconcile.plan.PlanStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prints a {@link ChangePlan}: text for people, JSON for CI. The JSON shape is stable: top-level
 * {@code objects} [{kind, name, action, fields}], {@code steps} [{action, member, object, reason, event}],
 * {@code risks} {membersRestarted, maxMembersOutAtOnce, dataDeleted, flagged}, then {@code assumptions},
 * {@code notes}, {@code finished}. Fields are added, never renamed or removed.
 *
 * @param cluster {@code HyperbytedbCluster ns/name}
 * @param from where the current state came from
 * @param plan the plan
 * @param assumed what the command assumed besides the plan's own assumptions
 * @param colour ANSI colour (only on a terminal)
 */
record PlanReport(String cluster, String from, ChangePlan plan, List<String> assumed, boolean colour) {

  /** Output formats. */
  enum Format {
    TEXT, JSON
  }

  private static final String RESET = "\u001b[0m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String RED = "\u001b[31m";
  private static final String BOLD = "\u001b[1m";

  private List<String> assumptions() {
    List<String> all = new ArrayList<>(plan.assumptions());
    all.addAll(assumed);
    return all;
  }

  String text() {
    StringBuilder text = new StringBuilder();
    text.append(bold("Plan for " + cluster)).append(", from ").append(from).append('\n');
    text.append('\n').append(bold("Objects")).append('\n');
    if (plan.objects().isEmpty()) {
      text.append("  none written (paused)\n");
    }
    for (ChangePlan.ObjectChange object : plan.objects()) {
      text.append("  ").append(paint(object.action(), String.format(Locale.ROOT, "%-10s", object.action())))
          .append(' ').append(object.kind()).append(' ').append(object.name()).append('\n');
      object.fields().forEach(f -> text.append("               ~ ").append(f).append('\n'));
    }
    text.append('\n').append(bold("Steps")).append('\n');
    if (plan.steps().isEmpty()) {
      text.append("  none\n");
    }
    int width = plan.steps().stream().mapToInt(s -> s.action().length()).max().orElse(0);
    int memberWidth = plan.steps().stream().mapToInt(s -> subject(s).length()).max().orElse(0);
    for (int i = 0; i < plan.steps().size(); i++) {
      PlanStep step = plan.steps().get(i);
      text.append(String.format(Locale.ROOT, "  %2d. %-" + width + "s  %-" + memberWidth + "s  %s%n", i + 1,
          step.action(), subject(step), step.reason()));
    }
    ChangePlan.Risks risks = plan.risks();
    text.append('\n').append(bold("Risks")).append('\n');
    text.append("  members restarted:       ").append(risks.membersRestarted()).append('\n');
    text.append("  members out at once:     ").append(risks.maxMembersOutAtOnce()).append(" (at most 1 is safe)\n");
    text.append("  data deleted:            ").append(risks.dataDeleted().isEmpty() ? "none"
        : paint("delete", String.join(", ", risks.dataDeleted()))).append('\n');
    if (risks.flagged().isEmpty()) {
      text.append("  flagged:                 none\n");
    }
    risks.flagged().forEach(f -> text.append("  ").append(paint("delete", "! " + f)).append('\n'));
    if (!assumptions().isEmpty()) {
      text.append('\n').append(bold("Assumed")).append('\n');
      assumptions().forEach(a -> text.append("  - ").append(a).append('\n'));
    }
    if (!plan.notes().isEmpty()) {
      text.append('\n').append(bold("Operator says")).append('\n');
      plan.notes().forEach(n -> text.append("  - ").append(n).append('\n'));
    }
    text.append('\n').append(plan.changes()
        ? "Changes planned: " + count(plan.objects().stream().filter(ChangePlan.ObjectChange::changes).count(),
            "object") + " to write or delete, " + count(plan.steps().size(), "lifecycle step") + ". Exit code 3."
        : "Nothing to do. Exit code 0.").append('\n');
    if (!plan.finished()) {
      text.append("The projection stopped before the operator would be done; the steps above are the first ones.\n");
    }
    return text.toString();
  }

  String json() {
    JsonMapper mapper = JsonMapper.builder().build();
    ObjectNode root = mapper.createObjectNode();
    root.put("cluster", cluster);
    root.put("from", from);
    ArrayNode objects = root.putArray("objects");
    for (ChangePlan.ObjectChange object : plan.objects()) {
      ObjectNode node = objects.addObject();
      node.put("kind", object.kind());
      node.put("name", object.name());
      node.put("action", object.action());
      ArrayNode fields = node.putArray("fields");
      object.fields().forEach(fields::add);
    }
    ArrayNode steps = root.putArray("steps");
    for (PlanStep step : plan.steps()) {
      ObjectNode node = steps.addObject();
      node.put("action", step.action());
      if (step.member().isPresent()) {
        node.put("member", step.member().get());
      } else {
        node.putNull("member");
      }
      if (step.object().isPresent()) {
        node.put("object", step.object().get());
      } else {
        node.putNull("object");
      }
      node.put("reason", step.reason());
      if (step.event().isPresent()) {
        node.put("event", step.event().get());
      } else {
        node.putNull("event");
      }
    }
    ObjectNode risks = root.putObject("risks");
    risks.put("membersRestarted", plan.risks().membersRestarted());
    risks.put("maxMembersOutAtOnce", plan.risks().maxMembersOutAtOnce());
    ArrayNode deleted = risks.putArray("dataDeleted");
    plan.risks().dataDeleted().forEach(deleted::add);
    ArrayNode flagged = risks.putArray("flagged");
    plan.risks().flagged().forEach(flagged::add);
    ArrayNode assumptions = root.putArray("assumptions");
    assumptions().forEach(assumptions::add);
    ArrayNode notes = root.putArray("notes");
    plan.notes().forEach(notes::add);
    root.put("finished", plan.finished());
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  /** What a step concerns: its member pod, or the object ("StatefulSet db"), or "-". */
  private static String subject(PlanStep step) {
    return step.member().or(step::object).orElse("-");
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private String bold(String text) {
    return colour ? BOLD + text + RESET : text;
  }

  private String paint(String action, String text) {
    if (!colour) {
      return text;
    }
    String code = switch (action) {
      case "create" -> GREEN;
      case "update" -> YELLOW;
      case "delete", "conflict", "replace" -> RED;
      default -> "";
    };
    return code.isEmpty() ? text : code + text + RESET;
  }
}
