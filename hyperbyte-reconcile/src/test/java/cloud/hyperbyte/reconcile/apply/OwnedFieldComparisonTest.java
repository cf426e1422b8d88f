package cloud.hyperbyte.reconcile.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Given a desired and a live tree, expect this first difference (or none). JSON uses ' for ". */
class OwnedFieldComparisonTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static Stream<Arguments> cases() {
    return Stream.of(
        // what the live object may have beyond the desired one
        match("server defaults next to owned fields",
            "{'spec':{'type':'ClusterIP'}}", "{'spec':{'type':'ClusterIP','clusterIP':'10.0.0.1','sessionAffinity':'None'}}"),
        match("status and server metadata",
            "{'metadata':{'name':'a'}}", "{'metadata':{'name':'a','uid':'u','resourceVersion':'7'},'status':{'x':1}}"),
        match("annotation keys of other writers",
            "{'metadata':{'annotations':{'ours':'1'}}}",
            "{'metadata':{'annotations':{'ours':'1','kubectl.kubernetes.io/last-applied-configuration':'{}'}}}"),
        match("another writer's container in a list keyed by name",
            "{'containers':[{'name':'db','image':'a'}]}", "{'containers':[{'name':'sidecar'},{'name':'db','image':'a'}]}"),
        match("defaulted fields inside keyed list elements",
            "{'containers':[{'name':'db'}]}", "{'containers':[{'name':'db','terminationMessagePath':'/dev/termination-log'}]}"),
        match("container ports keyed by port, protocol defaulted to TCP",
            "{'ports':[{'containerPort':80}]}", "{'ports':[{'containerPort':80,'protocol':'TCP'}]}"),
        match("volume mounts keyed by mount path",
            "{'volumeMounts':[{'name':'v','mountPath':'/a'}]}",
            "{'volumeMounts':[{'name':'v','mountPath':'/b'},{'name':'v','mountPath':'/a'}]}"),
        match("owner references keyed by uid",
            "{'ownerReferences':[{'uid':'u1','controller':true}]}",
            "{'ownerReferences':[{'uid':'u0'},{'uid':'u1','controller':true}]}"),
        match("quantities by value", "{'resources':{'requests':{'cpu':'0.5','memory':'1024Mi'}}}",
            "{'resources':{'requests':{'cpu':'500m','memory':'1Gi'}}}"),
        match("numbers by value", "{'weight':30}", "{'weight':30.0}"),
        match("an empty desired object claims only the field", "{'emptyDir':{}}", "{'emptyDir':{'medium':'Memory'}}"),
        match("an empty desired value may be absent (servers drop empties)", "{'a':{},'b':[]}", "{}"),
        match("a null desired value claims nothing", "{'a':null}", "{'a':'x'}"),
        match("apiVersion and kind are identity, matched before comparing",
            "{'apiVersion':'autoscaling/v2','kind':'HorizontalPodAutoscaler'}", "{'apiVersion':'autoscaling/v1'}"),
        // what counts
        differs("an owned scalar", "{'spec':{'replicas':3}}", "{'spec':{'replicas':5}}", "field spec.replicas differs"),
        differs("an owned field missing", "{'spec':{'replicas':3}}", "{'spec':{}}", "field spec.replicas is missing"),
        differs("an owned map key missing", "{'metadata':{'labels':{'a':'1','b':'2'}}}",
            "{'metadata':{'labels':{'a':'1'}}}", "field metadata.labels.b is missing"),
        differs("a keyed element missing", "{'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]}",
            "{'env':[{'name':'A','value':'1'}]}", "field env[name=B] is missing"),
        differs("a field inside a keyed element", "{'containers':[{'name':'db','image':'a'}]}",
            "{'containers':[{'name':'db','image':'b'}]}", "field containers[name=db].image differs"),
        differs("an atomic list of another length", "{'command':['a','b']}", "{'command':['a','b','c']}",
            "field command differs"),
        differs("an atomic list element", "{'command':['a','b']}", "{'command':['a','x']}", "field command[1] differs"),
        differs("an atomic list of objects without keys",
            "{'metrics':[{'type':'Resource'}]}", "{'metrics':[{'type':'Pods'}]}", "field metrics[0].type differs"),
        differs("a value of another type", "{'port':'http'}", "{'port':8080}", "field port differs"),
        differs("an object where live has a scalar", "{'spec':{'a':1}}", "{'spec':'x'}", "field spec differs"),
        differs("quantities of another value", "{'resources':{'limits':{'memory':'8Gi'}}}",
            "{'resources':{'limits':{'memory':'4Gi'}}}", "field resources.limits.memory differs"),
        differs("quantity-like strings outside quantity fields compare as text", "{'tag':'0.5'}", "{'tag':'500m'}",
            "field tag differs"),
        differs("a desired empty list where live has elements", "{'args':[]}", "{'args':['x']}", "field args differs"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void firstDifference(String description, String desired, String live, String expected) {
    var difference = OwnedFieldComparison.firstDifference(tree(desired), tree(live));

    assertThat(difference.map(FieldDifference::toString).orElse("none")).as(description).isEqualTo(expected);
  }

  private static Arguments match(String description, String desired, String live) {
    return Arguments.of(description, desired, live, "none");
  }

  private static Arguments differs(String description, String desired, String live, String expected) {
    return Arguments.of(description, desired, live, expected);
  }

  private static JsonNode tree(String json) {
    return JSON.readTree(json.replace('\'', '"'));
  }
}
