package cloud.hyperbyte.testkit.kube.admission.crd;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The CEL environment the API server gives {@code x-kubernetes-validations} rules, built on
 * {@code dev.cel:cel}: {@code self} and {@code oldSelf}, the standard macros ({@code has},
 * {@code all}, {@code exists}, {@code exists_one}, {@code map}, {@code filter}), the string, list,
 * set and optional extensions, and the Kubernetes quantity library ({@code quantity},
 * {@code isQuantity}, {@code compareTo}, {@code isLessThan}, {@code isGreaterThan}, {@code sign},
 * {@code isInteger}, {@code asInteger}, {@code asApproximateFloat}, {@code add}, {@code sub}).
 *
 * <p>One difference to the server: {@code self} is declared {@code dyn} rather than as a type built
 * from the schema, so a misspelled field compiles here and fails when evaluated ("no such key").
 */
public final class KubernetesCel {

  /** Variable names the server binds. */
  public static final String SELF = "self";
  public static final String OLD_SELF = "oldSelf";

  private static final Pattern USES_OLD_SELF = Pattern.compile("\\boldSelf\\b");
  private static final OpaqueType QUANTITY = OpaqueType.create("kubernetes.Quantity");

  private static final Cel PLAIN = build(SimpleType.DYN);
  private static final Cel OPTIONAL_OLD_SELF = build(OptionalType.create(SimpleType.DYN));
  private static final Map<String, Compiled> CACHE = new ConcurrentHashMap<>();

  private KubernetesCel() {}

  /** A compiled rule or message expression: its program, or why it cannot run (the server's words). */
  public record Compiled(String source, CelRuntime.Program program, CelAbstractSyntaxTree ast, String error) {

    /** Whether the expression refers to {@code oldSelf} (a transition rule). */
    public boolean usesOldSelf() {
      return USES_OLD_SELF.matcher(source).find();
    }
  }

  /** Compiles a rule that must evaluate to a bool; {@code optionalOldSelf} types oldSelf as optional. */
  public static Compiled compileRule(String rule, boolean optionalOldSelf) {
    return compile(rule, optionalOldSelf, SimpleType.BOOL, "cel expression must evaluate to a bool", "");
  }

  /** Compiles a {@code messageExpression}, which must evaluate to a string. */
  public static Compiled compileMessage(String expression) {
    return compile(expression, false, SimpleType.STRING, "messageExpression must evaluate to a string",
        "messageExpression ");
  }

  private static Compiled compile(String source, boolean optionalOldSelf, CelType result, String wrongType,
      String what) {
    return CACHE.computeIfAbsent(optionalOldSelf + "\u0000" + source, key -> {
      Cel cel = optionalOldSelf ? OPTIONAL_OLD_SELF : PLAIN;
      try {
        CelAbstractSyntaxTree ast = cel.compile(source).getAst();
        CelType type = ast.getResultType();
        if (!type.equals(result) && !type.equals(SimpleType.DYN)) {
          return new Compiled(source, null, ast, wrongType);
        }
        return new Compiled(source, cel.createProgram(ast), ast, null);
      } catch (CelValidationException e) {
        return new Compiled(source, null, null, what + "compilation failed: " + e.getMessage());
      } catch (dev.cel.common.CelException e) {
        return new Compiled(source, null, null, what + "compilation failed: " + e.getMessage());
      }
    });
  }

  /** Evaluates a compiled expression with these variables (CEL values, see {@link CelValues}). */
  public static Object evaluate(Compiled compiled, Map<String, ?> variables) throws CelEvaluationException {
    return compiled.program().eval(variables);
  }

  /** The value to bind to an optional {@code oldSelf}: {@code optional.of(old)} or {@code optional.none()}. */
  public static Object optionalOf(Object old) {
    return Optional.ofNullable(old);
  }

  private static Cel build(CelType oldSelfType) {
    CelOptions options = CelOptions.current().build();
    return CelFactory.standardCelBuilder()
        .setOptions(options)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addVar(SELF, SimpleType.DYN)
        .addVar(OLD_SELF, oldSelfType)
        .addCompilerLibraries(CelExtensions.strings(), CelExtensions.lists(), CelExtensions.sets(options),
            CelExtensions.optional())
        .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.lists(), CelExtensions.sets(options),
            CelExtensions.optional())
        .addFunctionDeclarations(quantityDeclarations())
        .addFunctionBindings(quantityBindings())
        .build();
  }

  private static List<CelFunctionDecl> quantityDeclarations() {
    return List.of(
        CelFunctionDecl.newFunctionDeclaration("quantity",
            CelOverloadDecl.newGlobalOverload("string_to_quantity", QUANTITY, SimpleType.STRING)),
        CelFunctionDecl.newFunctionDeclaration("isQuantity",
            CelOverloadDecl.newGlobalOverload("is_quantity_string", SimpleType.BOOL, SimpleType.STRING)),
        member("compareTo", "quantity_compareTo_quantity", SimpleType.INT, QUANTITY),
        member("isLessThan", "quantity_less_quantity", SimpleType.BOOL, QUANTITY),
        member("isGreaterThan", "quantity_greater_quantity", SimpleType.BOOL, QUANTITY),
        member("add", "quantity_add_quantity", QUANTITY, QUANTITY),
        member("sub", "quantity_sub_quantity", QUANTITY, QUANTITY),
        member("sign", "quantity_sign", SimpleType.INT),
        member("isInteger", "quantity_is_integer", SimpleType.BOOL),
        member("asInteger", "quantity_get_integer", SimpleType.INT),
        member("asApproximateFloat", "quantity_get_float", SimpleType.DOUBLE));
  }

  private static CelFunctionDecl member(String name, String overload, CelType result, CelType... args) {
    CelType[] parameters = new CelType[args.length + 1];
    parameters[0] = QUANTITY;
    System.arraycopy(args, 0, parameters, 1, args.length);
    return CelFunctionDecl.newFunctionDeclaration(name,
        CelOverloadDecl.newMemberOverload(overload, result, List.of(parameters)));
  }

  private static List<CelFunctionBinding> quantityBindings() {
    Class<KubernetesQuantity> q = KubernetesQuantity.class;
    return List.of(
        CelFunctionBinding.from("string_to_quantity", String.class, KubernetesQuantity::parse),
        CelFunctionBinding.from("is_quantity_string", String.class, KubernetesQuantity::isQuantity),
        CelFunctionBinding.from("quantity_compareTo_quantity", q, q, (a, b) -> (long) Integer.signum(a.compareTo(b))),
        CelFunctionBinding.from("quantity_less_quantity", q, q, (a, b) -> a.compareTo(b) < 0),
        CelFunctionBinding.from("quantity_greater_quantity", q, q, (a, b) -> a.compareTo(b) > 0),
        CelFunctionBinding.from("quantity_add_quantity", q, q, KubernetesQuantity::add),
        CelFunctionBinding.from("quantity_sub_quantity", q, q, KubernetesQuantity::sub),
        CelFunctionBinding.from("quantity_sign", q, a -> (long) a.sign()),
        CelFunctionBinding.from("quantity_is_integer", q, KubernetesQuantity::isInteger),
        CelFunctionBinding.from("quantity_get_integer", q, KubernetesQuantity::asInteger),
        CelFunctionBinding.from("quantity_get_float", q, KubernetesQuantity::asApproximateFloat));
  }
}
