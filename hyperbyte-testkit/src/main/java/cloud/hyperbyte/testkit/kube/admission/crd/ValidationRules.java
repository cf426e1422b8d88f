package cloud.hyperbyte.testkit.kube.admission.crd;

import cloud.hyperbyte.model.crd.SchemaNodes;
import cloud.hyperbyte.testkit.kube.admission.FieldError;
import dev.cel.runtime.CelEvaluationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Evaluates the {@code x-kubernetes-validations} rules of a structural schema on an object, as
 * apiextensions-apiserver's {@code schema/cel} validator does: each rule runs with {@code self}
 * bound to the value its schema node describes (nodes absent or null are skipped); a transition
 * rule (one naming {@code oldSelf}) runs only on update and only where the old object has a
 * correlated value (same property, same map key, same list-map key), unless it
 * declares {@code optionalOldSelf}. A false rule becomes the field error the server reports:
 * {@code <path>[.<fieldPath>]: Invalid value: "<schema type>": <message>}, with {@code reason}
 * choosing Forbidden, Required or Duplicate and {@code messageExpression} replacing the message.
 *
 * <p>Not modelled: the runtime cost budget, and ratcheting (an unchanged invalid value is refused
 * like a new one).
 */
final class ValidationRules {

  private ValidationRules() {}

  /** Evaluates only the rules declared on the resource root ({@code self} is the whole object). */
  static void evaluateRoot(JsonNode object, JsonNode old, JsonNode rootSchema, List<FieldError> out) {
    rulesAt(object, old, rootSchema, "", true, out);
  }

  /** Evaluates the rules of {@code schema} and below on {@code value}; {@code old} is null on create. */
  static void evaluate(JsonNode value, JsonNode old, JsonNode schema, String path, boolean resourceRoot,
      List<FieldError> out) {
    if (value == null || value.isNull()) {
      return;
    }
    rulesAt(value, old == null || old.isNull() ? null : old, schema, path, resourceRoot, out);
    if (value.isObject()) {
      JsonNode values = SchemaNodes.additionalProperties(schema);
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        JsonNode oldField = old == null ? null : old.get(field.getKey());
        JsonNode property = SchemaNodes.property(schema, field.getKey());
        if (property != null) {
          evaluate(field.getValue(), oldField, property, SchemaNodes.child(path, field.getKey()),
              SchemaNodes.embeddedResource(property), out);
        } else if (values != null) {
          evaluate(field.getValue(), oldField, values, SchemaNodes.key(path, field.getKey()),
              SchemaNodes.embeddedResource(values), out);
        }
      }
    } else if (value.isArray() && SchemaNodes.items(schema) != null) {
      JsonNode items = SchemaNodes.items(schema);
      for (int i = 0; i < value.size(); i++) {
        evaluate(value.get(i), correlated(value.get(i), old, schema), items, SchemaNodes.index(path, i),
            SchemaNodes.embeddedResource(items), out);
      }
    }
  }

  /** The old list item an item is compared with: the one with the same keys in a list-map, none otherwise. */
  private static JsonNode correlated(JsonNode item, JsonNode oldList, JsonNode schema) {
    if (oldList == null || !oldList.isArray()) {
      return null;
    }
    String listType = schema.path("x-kubernetes-list-type").asText("atomic");
    for (JsonNode candidate : oldList) {
      if ("map".equals(listType) && sameKeys(item, candidate, schema.path("x-kubernetes-list-map-keys"))) {
        return candidate;
      }
    }
    return null;
  }

  private static boolean sameKeys(JsonNode item, JsonNode candidate, JsonNode keys) {
    for (JsonNode key : keys) {
      if (!item.path(key.asText()).equals(candidate.path(key.asText()))) {
        return false;
      }
    }
    return keys.size() > 0;
  }

  private static void rulesAt(JsonNode value, JsonNode old, JsonNode schema, String path, boolean resourceRoot,
      List<FieldError> out) {
    JsonNode rules = schema.get("x-kubernetes-validations");
    if (rules == null || !rules.isArray() || rules.isEmpty()) {
      return;
    }
    String type = SchemaNodes.type(schema);
    Object self = resourceRoot ? CelValues.root(value) : CelValues.of(value);
    Object oldSelf = old == null ? null : resourceRoot ? CelValues.root(old) : CelValues.of(old);
    for (JsonNode rule : rules) {
      Rule declared = Rule.of(rule);
      KubernetesCel.Compiled compiled = KubernetesCel.compileRule(declared.rule(), declared.optionalOldSelf());
      if (compiled.error() != null) {
        out.add(invalid(path, type, "rule compile error: " + compiled.error()));
        continue;
      }
      if (compiled.usesOldSelf() && old == null && !declared.optionalOldSelf()) {
        continue;
      }
      Map<String, Object> variables = new HashMap<>();
      variables.put(KubernetesCel.SELF, self);
      if (declared.optionalOldSelf()) {
        variables.put(KubernetesCel.OLD_SELF, KubernetesCel.optionalOf(oldSelf));
      } else if (oldSelf != null) {
        variables.put(KubernetesCel.OLD_SELF, oldSelf);
      }
      Object result;
      try {
        result = KubernetesCel.evaluate(compiled, variables);
      } catch (CelEvaluationException e) {
        out.add(invalid(path, type, e.getMessage() + " evaluating rule: " + declared.errorString()));
        continue;
      }
      if (Boolean.TRUE.equals(result)) {
        continue;
      }
      String at = path;
      if (!declared.fieldPath().isEmpty()) {
        RuleFieldPaths.Resolved resolved = RuleFieldPaths.resolve(declared.fieldPath(), schema);
        at = RuleFieldPaths.append(path, resolved.suffix().orElse(""));
      }
      out.add(forReason(at, type, message(declared, variables), declared.reason()));
    }
  }

  private static String message(Rule rule, Map<String, Object> variables) {
    if (!rule.messageExpression().isEmpty()) {
      KubernetesCel.Compiled compiled = KubernetesCel.compileMessage(rule.messageExpression());
      if (compiled.error() == null) {
        try {
          Object message = KubernetesCel.evaluate(compiled, variables);
          if (message instanceof String text && !text.isBlank() && !text.trim().contains("\n")) {
            return text.trim();
          }
        } catch (CelEvaluationException e) {
          // as the server: a failing messageExpression falls back to message (it only logs)
        }
      }
    }
    return rule.message().isEmpty() ? "failed rule: " + rule.errorString() : rule.message().trim();
  }

  private static FieldError invalid(String path, String type, String detail) {
    return FieldError.invalid(path, Values.quote(type) + ": " + detail);
  }

  private static FieldError forReason(String path, String type, String detail, String reason) {
    return switch (reason) {
      case "FieldValueForbidden" -> FieldError.forbidden(path, detail);
      case "FieldValueRequired" -> FieldError.required(path, detail);
      case "FieldValueDuplicate" -> new FieldError(FieldError.Type.DUPLICATE, path, Values.quote(type));
      default -> invalid(path, type, detail);
    };
  }

  /** One entry of {@code x-kubernetes-validations}. */
  record Rule(String rule, String message, String messageExpression, String reason, String fieldPath,
      boolean optionalOldSelf) {

    static Rule of(JsonNode node) {
      return new Rule(node.path("rule").asText(""), node.path("message").asText(""),
          node.path("messageExpression").asText(""), node.path("reason").asText(""),
          node.path("fieldPath").asText(""), node.path("optionalOldSelf").asBoolean(false));
    }

    /** What error texts name the rule by: its message, else its expression. */
    String errorString() {
      return message.isEmpty() ? rule.trim() : message.trim();
    }
  }
}
