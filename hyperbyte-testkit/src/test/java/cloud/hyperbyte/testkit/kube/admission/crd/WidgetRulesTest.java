package cloud.hyperbyte.testkit.kube.admission.crd;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.testkit.kube.SimulatedKubernetes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What the Kubernetes CEL environment adds to a rule, on a test CRD: the default message, message
 * expressions, reasons, field paths, transition rules and optional oldSelf; and what the server
 * checks when a CRD with rules is created (compilation, reasons, field paths, cost).
 */
class WidgetRulesTest {

  static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
  static final String WIDGETS = "/apis/example.com/v1/namespaces/test/widgets";

  private SimulatedKubernetes kube;
  private RawHttp http;

  @BeforeEach
  void start() {
    kube = SimulatedKubernetes.start();
    http = new RawHttp(kube);
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  /** A Widget CRD whose spec schema is {@code specSchema} (YAML, indented as under {@code spec:}). */
  static String crd(String specSchema) {
    return """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
        """ + specSchema.indent(14);
  }

  static final String WIDGET_SCHEMA = """
      type: object
      x-kubernetes-validations:
      - rule: self.min <= self.max
        messageExpression: "'min ' + string(self.min) + ' exceeds max ' + string(self.max)"
        message: min exceeds max
        fieldPath: .min
      - rule: "!has(self.owner) || self.owner != 'root'"
        reason: FieldValueForbidden
        message: root may not own a widget
        fieldPath: .owner
      properties:
        min: {type: integer, default: 0}
        max: {type: integer, default: 10}
        owner: {type: string, maxLength: 32}
        name:
          type: string
          maxLength: 32
          x-kubernetes-validations:
          - rule: self == oldSelf
            message: name is immutable
        firstName:
          type: string
          maxLength: 32
          x-kubernetes-validations:
          - rule: oldSelf.hasValue() || self.startsWith('first-')
            optionalOldSelf: true
            message: a new firstName starts with first-
        tags:
          type: array
          maxItems: 4
          items: {type: string, maxLength: 16}
          x-kubernetes-validations:
          - rule: self.all(t, t.startsWith('t-'))
      """;

  static String widget(String name, String spec) {
    return "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: " + name + "\n  namespace: test\nspec:\n"
        + spec.indent(2);
  }

  @Nested
  class RulesOfAStoredCrd {

    @BeforeEach
    void createCrd() {
      assertThat(http.post(CRDS, crd(WIDGET_SCHEMA)).code()).isEqualTo(201);
    }

    @Test
    void aRuleWithoutMessageReportsFailedRuleWithItsExpression() {
      assertThat(http.post(WIDGETS, widget("w", "tags: [t-a, b]")).message())
          .isEqualTo("Widget.example.com \"w\" is invalid: spec.tags: Invalid value: \"array\": failed rule:"
              + " self.all(t, t.startsWith('t-'))");
    }

    @Test
    void aMessageExpressionReplacesTheMessageAndTheFieldPathMovesTheError() {
      assertThat(http.post(WIDGETS, widget("w", "min: 5\nmax: 1")).message())
          .endsWith("spec.min: Invalid value: \"object\": min 5 exceeds max 1");
    }

    @Test
    void theReasonChoosesTheErrorType() {
      RawHttp.Reply reply = http.post(WIDGETS, widget("w", "owner: root"));

      assertThat(reply.message()).endsWith("spec.owner: Forbidden: root may not own a widget");
      assertThat(reply.body().path("details").path("causes").get(0).path("reason").asText())
          .isEqualTo("FieldValueForbidden");
    }

    @Test
    void aTransitionRuleRunsOnlyOnUpdateWhereTheOldValueExists() {
      assertThat(http.post(WIDGETS, widget("w", "min: 1")).code()).isEqualTo(201);
      assertThat(http.mergePatch(WIDGETS + "/w", "{\"spec\":{\"name\":\"a\"}}").code())
          .as("no old name to compare with").isEqualTo(200);

      assertThat(http.mergePatch(WIDGETS + "/w", "{\"spec\":{\"name\":\"b\"}}").message())
          .endsWith("spec.name: Invalid value: \"string\": name is immutable");
    }

    @Test
    void anOptionalOldSelfRuleAlsoRunsOnCreate() {
      assertThat(http.post(WIDGETS, widget("w", "firstName: x")).message())
          .endsWith("spec.firstName: Invalid value: \"string\": a new firstName starts with first-");
      assertThat(http.post(WIDGETS, widget("v", "firstName: first-x")).code()).isEqualTo(201);
      assertThat(http.mergePatch(WIDGETS + "/v", "{\"spec\":{\"firstName\":\"y\"}}").code())
          .as("an existing value may change").isEqualTo(200);
    }
  }

  @Nested
  class CrdCreation {

    @Test
    void aRuleThatDoesNotCompileRefusesTheCrdNamingTheRule() {
      RawHttp.Reply reply = http.post(CRDS, crd("""
          type: object
          x-kubernetes-validations:
          - rule: self.min <=
          properties:
            min: {type: integer}
          """));

      assertThat(reply.code()).isEqualTo(422);
      assertThat(reply.causeFields()).containsExactly(
          "spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule");
      assertThat(reply.message()).startsWith("CustomResourceDefinition.apiextensions.k8s.io \"widgets.example.com\""
          + " is invalid: spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule:"
          + " Invalid value: \"self.min <=\": compilation failed: ERROR: <input>:1:");
      assertThat(http.get(CRDS + "/widgets.example.com").code()).isEqualTo(404);
    }

    @Test
    void aRuleThatIsNotABoolAnUnknownFunctionABadReasonOrFieldPathAreRefused() {
      RawHttp.Reply reply = http.post(CRDS, crd("""
          type: object
          properties:
            min:
              type: integer
              x-kubernetes-validations:
              - rule: self + 1
            max:
              type: integer
              x-kubernetes-validations:
              - rule: self.frobnicate()
              - rule: self > 0
                reason: FieldValueWrong
              - rule: self > 0
                fieldPath: .nothing
              - rule: self > 0
                messageExpression: "'x' + 1"
          """));

      String at = "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties";
      assertThat(reply.causeFields()).containsExactlyInAnyOrder(
          at + "[min].x-kubernetes-validations[0].rule",
          at + "[max].x-kubernetes-validations[0].rule",
          at + "[max].x-kubernetes-validations[1].reason",
          at + "[max].x-kubernetes-validations[2].fieldPath",
          at + "[max].x-kubernetes-validations[3].messageExpression");
    }

    @Test
    void oldSelfBelowAnAtomicListAndAnOptionalOldSelfWithoutOldSelfAreRefused() {
      RawHttp.Reply reply = http.post(CRDS, crd("""
          type: object
          properties:
            items:
              type: array
              maxItems: 4
              items:
                type: string
                maxLength: 8
                x-kubernetes-validations:
                - rule: self == oldSelf
            count:
              type: integer
              x-kubernetes-validations:
              - rule: self > 0
                optionalOldSelf: true
          """));

      String at = "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties";
      assertThat(reply.causeFields()).containsExactlyInAnyOrder(
          at + "[items].items.x-kubernetes-validations[0].rule",
          at + "[count].x-kubernetes-validations[0].optionalOldSelf");
      assertThat(reply.message()).contains("oldSelf cannot be used on the uncorrelatable portion of the schema within "
          + at + "[items]");
    }

    @Test
    void aRuleWalkingAnUnboundedListIsRefusedForItsEstimatedCost() {
      RawHttp.Reply reply = http.post(CRDS, crd("""
          type: object
          properties:
            tags:
              type: array
              items: {type: string}
              x-kubernetes-validations:
              - rule: self.all(a, self.all(b, a == b || a != b))
          """));

      assertThat(reply.message()).contains("spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[tags]"
          + ".x-kubernetes-validations[0].rule: Forbidden: estimated rule cost exceeds budget by factor of more than"
          + " 100x (try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps,"
          + " and strings are declared)", "spec.versions[0].schema.openAPIV3Schema: Forbidden: x-kubernetes-validations"
          + " estimated rule cost total for entire OpenAPIv3 schema exceeds budget by factor of more than 100x");
    }

    @Test
    void theSameRuleOverABoundedListIsAccepted() {
      assertThat(http.post(CRDS, crd("""
          type: object
          properties:
            tags:
              type: array
              maxItems: 16
              items: {type: string, maxLength: 63}
              x-kubernetes-validations:
              - rule: self.all(a, self.all(b, a == b || a != b))
          """)).code()).isEqualTo(201);
    }
  }
}
