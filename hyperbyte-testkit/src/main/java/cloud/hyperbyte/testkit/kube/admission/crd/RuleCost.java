package cloud.hyperbyte.testkit.kube.admission.crd;

import cloud.hyperbyte.model.crd.SchemaNodes;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * A static worst-case cost of a rule, following cel-go's {@code checker/cost.go} and
 * apiextensions-apiserver's sizing of schema values ({@code SchemaDeclType}): a list, map or string
 * is as large as its {@code maxItems}, {@code maxProperties} or {@code maxLength} (times 4 bytes per
 * character) allow, or, without a bound, as many as fit into a 3 MiB request. Identifiers and field
 * selections cost 1; string comparisons {@code ceil(0.1 × shorter size)}; {@code contains},
 * {@code matches} and the other string scans their traversal costs; a comprehension
 * ({@code all}, {@code exists}, {@code map}…) its range size times the cost of one step. It is an
 * approximation of the server's estimator, not a copy: {@link #unbounded()} names the values whose
 * size came from the request limit, which a rule should not walk.
 *
 * @param cost the estimated maximum cost
 * @param unbounded paths ({@code self.podLabels}) of walked values that declare no bound
 */
public record RuleCost(long cost, Set<String> unbounded) {

  /** {@code StaticEstimatedCostLimit}: the most one rule may cost. */
  public static final long PER_RULE_LIMIT = 10_000_000L;
  /** {@code StaticEstimatedCRDCostLimit}: the most all rules of a CRD version may cost together. */
  public static final long PER_CRD_LIMIT = 100_000_000L;
  /** {@code DefaultMaxRequestSizeBytes}: what sizes values without a declared bound. */
  static final long MAX_REQUEST_BYTES = 3L * 1024 * 1024;

  /** Estimates {@code ast}, a rule on a node with {@code schema}. */
  public static RuleCost of(CelAbstractSyntaxTree ast, JsonNode schema) {
    Estimator estimator = new Estimator();
    Map<String, Value> scope = new HashMap<>();
    scope.put(KubernetesCel.SELF, Value.of(schema, "self"));
    scope.put(KubernetesCel.OLD_SELF, Value.of(schema, "oldSelf"));
    long cost = estimator.cost(ast.getExpr(), scope).cost;
    return new RuleCost(cost, estimator.unbounded);
  }

  /** How many values a node with this schema can hold: its bound, or what fits into a request. */
  static long maxSize(JsonNode schema) {
    if (schema == null) {
      return MAX_REQUEST_BYTES - 2;
    }
    if (SchemaNodes.intOrString(schema)) {
      Long max = SchemaNodes.longOrNull(schema, "maxLength");
      return max != null ? max * 4 : MAX_REQUEST_BYTES - 2;
    }
    return switch (SchemaNodes.type(schema)) {
      case "string" -> {
        Long max = SchemaNodes.longOrNull(schema, "maxLength");
        if (max != null) {
          yield max * 4;
        }
        JsonNode values = schema.get("enum");
        if (values != null && values.isArray() && !values.isEmpty()) {
          long longest = 0;
          for (JsonNode value : values) {
            longest = Math.max(longest, value.asText().length());
          }
          yield longest;
        }
        yield MAX_REQUEST_BYTES - 2;
      }
      case "array" -> {
        Long max = SchemaNodes.longOrNull(schema, "maxItems");
        yield max != null ? max : (MAX_REQUEST_BYTES - 2) / (minSerializedSize(SchemaNodes.items(schema)) + 1);
      }
      case "object" -> {
        Long max = SchemaNodes.longOrNull(schema, "maxProperties");
        JsonNode values = SchemaNodes.additionalProperties(schema);
        if (values == null) {
          yield 1;
        }
        yield max != null ? max : (MAX_REQUEST_BYTES - 2) / (minSerializedSize(values) + 6);
      }
      default -> 1;
    };
  }

  /** Whether {@link #maxSize} of this schema comes from a declared bound (or needs none). */
  static boolean bounded(JsonNode schema) {
    if (schema == null) {
      return false;
    }
    if (SchemaNodes.intOrString(schema)) {
      return schema.has("maxLength");
    }
    return switch (SchemaNodes.type(schema)) {
      case "string" -> schema.has("maxLength") || schema.has("enum");
      case "array" -> schema.has("maxItems");
      case "object" -> SchemaNodes.additionalProperties(schema) == null || schema.has("maxProperties");
      default -> true;
    };
  }

  private static long minSerializedSize(JsonNode schema) {
    if (schema == null) {
      return 1;
    }
    return switch (SchemaNodes.type(schema)) {
      case "string", "object", "array" -> 2;
      case "boolean" -> 4;
      default -> 1;
    };
  }

  /** What the estimator knows about a sub-expression's value: its schema (if any) and its size. */
  private record Value(JsonNode schema, long size, String path) {
    static Value of(JsonNode schema, String path) {
      return new Value(schema, maxSize(schema), path);
    }

    static Value scalar(long size) {
      return new Value(null, size, null);
    }
  }

  private record Estimate(long cost, Value value) {}

  private static final class Estimator {
    private final Set<String> unbounded = new TreeSet<>();

    Estimate cost(CelExpr expr, Map<String, Value> scope) {
      return switch (expr.getKind()) {
        case CONSTANT -> new Estimate(0, Value.scalar(constantSize(expr.constant())));
        case IDENT -> new Estimate(1, scope.getOrDefault(expr.ident().name(), Value.scalar(1)));
        case SELECT -> select(expr.select(), scope);
        case CALL -> call(expr.call(), scope);
        case LIST -> {
          long sum = 10;
          for (CelExpr element : expr.list().elements()) {
            sum = add(sum, cost(element, scope).cost);
          }
          yield new Estimate(sum, Value.scalar(expr.list().elements().size()));
        }
        case MAP -> {
          long sum = 30;
          for (var entry : expr.map().entries()) {
            sum = add(sum, add(cost(entry.key(), scope).cost, cost(entry.value(), scope).cost));
          }
          yield new Estimate(sum, Value.scalar(expr.map().entries().size()));
        }
        case COMPREHENSION -> comprehension(expr.comprehension(), scope);
        default -> new Estimate(1, Value.scalar(1));
      };
    }

    private static long constantSize(CelConstant constant) {
      return switch (constant.getKind()) {
        case STRING_VALUE -> constant.stringValue().codePointCount(0, constant.stringValue().length());
        case BYTES_VALUE -> constant.bytesValue().size();
        default -> 1;
      };
    }

    private Estimate select(CelExpr.CelSelect select, Map<String, Value> scope) {
      Estimate operand = cost(select.operand(), scope);
      if (select.testOnly()) {
        return new Estimate(add(operand.cost, 1), Value.scalar(1));
      }
      JsonNode schema = operand.value.schema == null ? null : SchemaNodes.child(operand.value.schema, select.field());
      String path = operand.value.path == null ? null : operand.value.path + "." + select.field();
      return new Estimate(add(operand.cost, 1), schema == null ? Value.scalar(1) : Value.of(schema, path));
    }

    private Estimate call(CelExpr.CelCall call, Map<String, Value> scope) {
      List<Estimate> args = new ArrayList<>();
      Estimate target = call.target().map(t -> cost(t, scope)).orElse(null);
      long sum = target == null ? 0 : target.cost;
      for (CelExpr arg : call.args()) {
        Estimate estimate = cost(arg, scope);
        args.add(estimate);
        sum = add(sum, estimate.cost);
      }
      Value first = target != null ? target.value : args.isEmpty() ? Value.scalar(1) : args.get(0).value;
      return switch (call.function()) {
        case "_&&_", "_||_", "!_", "@not_strictly_false" -> new Estimate(sum, Value.scalar(1));
        case "_?_:_" -> new Estimate(add(args.get(0).cost, Math.max(args.get(1).cost, args.get(2).cost)),
            Value.scalar(Math.max(args.get(1).value.size, args.get(2).value.size)));
        case "_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_" -> {
          // a comparison stops at the end of the shorter operand: one bounded side bounds it
          Value left = args.get(0).value;
          Value right = args.get(1).value;
          long smaller = left.size <= right.size ? walked(left) : walked(right);
          yield new Estimate(add(sum, traversal(smaller)), Value.scalar(1));
        }
        case "startsWith", "endsWith" -> new Estimate(add(sum, traversal(args.get(0).value.size)), Value.scalar(1));
        case "contains" -> new Estimate(add(sum, multiply(traversal(walked(first)), traversal(args.get(0).value.size))),
            Value.scalar(1));
        case "matches" -> {
          long string = traversal(add(walked(first), 1));
          long regex = (long) Math.ceil(args.get(args.size() - 1).value.size * 0.25);
          yield new Estimate(add(sum, multiply(string, regex)), Value.scalar(1));
        }
        case "@in" -> new Estimate(add(sum, walked(args.get(1).value)), Value.scalar(1));
        case "quantity", "isQuantity", "lowerAscii", "upperAscii", "trim", "split", "replace", "indexOf",
            "lastIndexOf", "join" -> new Estimate(add(sum, traversal(walked(first))), Value.scalar(first.size));
        case "_[_]" -> {
          Value container = args.get(0).value;
          JsonNode element = container.schema == null ? null
              : SchemaNodes.items(container.schema) != null ? SchemaNodes.items(container.schema)
              : SchemaNodes.additionalProperties(container.schema);
          String path = container.path == null ? null : container.path + "[*]";
          yield new Estimate(add(sum, 1), element == null ? Value.scalar(1) : Value.of(element, path));
        }
        default -> new Estimate(add(sum, 1), Value.scalar(1));
      };
    }

    private Estimate comprehension(CelExpr.CelComprehension comprehension, Map<String, Value> scope) {
      Estimate range = cost(comprehension.iterRange(), scope);
      Estimate init = cost(comprehension.accuInit(), scope);
      long size = walked(range.value);
      Map<String, Value> inner = new HashMap<>(scope);
      JsonNode rangeSchema = range.value.schema;
      String path = range.value.path == null ? null : range.value.path + "[*]";
      if (rangeSchema != null && SchemaNodes.items(rangeSchema) != null) {
        inner.put(comprehension.iterVar(), Value.of(SchemaNodes.items(rangeSchema), path));
      } else {
        // a map's keys: strings with no schema of their own
        inner.put(comprehension.iterVar(), new Value(null, MAX_REQUEST_BYTES - 2, null));
      }
      inner.put(comprehension.accuVar(), Value.scalar(1));
      long step = add(cost(comprehension.loopCondition(), inner).cost, cost(comprehension.loopStep(), inner).cost);
      long result = cost(comprehension.result(), inner).cost;
      return new Estimate(add(add(range.cost, init.cost), add(result, multiply(size, step))), Value.scalar(size));
    }

    /** The size of a value the rule walks; records it when no declared bound limits it. */
    private long walked(Value value) {
      if (value.schema != null && !bounded(value.schema) && value.path != null) {
        unbounded.add(value.path);
      }
      return value.size;
    }

    private static long traversal(long size) {
      return (long) Math.ceil(size * 0.1);
    }

    private static long add(long a, long b) {
      long sum = a + b;
      return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long multiply(long a, long b) {
      return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
    }
  }
}
