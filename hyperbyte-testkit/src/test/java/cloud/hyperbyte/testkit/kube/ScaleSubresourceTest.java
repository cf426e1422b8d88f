package cloud.hyperbyte.testkit.kube;

import static cloud.hyperbyte.testkit.kube.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.testkit.kube.admission.AdmissionResult;
import cloud.hyperbyte.testkit.kube.admission.FieldError;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code …/NAME/scale}: the autoscaling/v1 Scale of a custom resource whose CRD declares the scale
 * subresource (and of a StatefulSet), read and written as {@code kubectl scale}, fabric8 and the
 * HorizontalPodAutoscaler do it.
 */
class ScaleSubresourceTest {

  private static final String CLUSTERS = "/apis/hyperbytedb.hyperbyte.cloud/v1alpha1/namespaces/" + NS
      + "/hyperbytedbclusters/";

  private final SimulatedKubernetes kube = SimulatedKubernetes.start();
  private final KubernetesClient client = kube.client();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    kube.close();
  }

  private HyperbytedbCluster createCluster(String name, int replicas, int statusReplicas) {
    HyperbytedbCluster created = client.resource(Fixtures.cluster(name, replicas)).create();
    HyperbytedbClusterStatus status = new HyperbytedbClusterStatus();
    status.setReplicas(statusReplicas);
    status.setSelector("app.kubernetes.io/instance=" + name);
    created.setStatus(status);
    return client.resource(created).updateStatus();
  }

  private HyperbytedbCluster cluster(String name) {
    return client.resources(HyperbytedbCluster.class).inNamespace(NS).withName(name).get();
  }

  private Reply send(String method, String path, String contentType, String body) throws IOException,
      InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(kube.server().url(path)))
        .header("User-Agent", "kubectl/v1.30.0 (linux/amd64) kubernetes/abc");
    if (body == null) {
      request.GET();
    } else {
      request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), Json.parse(response.body()));
  }

  private record Reply(int code, JsonNode body) {}

  @Test
  void getShowsTheCustomResourcesReplicasAndSelectorThroughTheCrdsPaths() throws Exception {
    HyperbytedbCluster cluster = createCluster("hdb", 3, 2);

    Reply scale = send("GET", CLUSTERS + "hdb/scale", null, null);

    assertThat(scale.code()).isEqualTo(200);
    assertThat(scale.body().path("apiVersion").asText()).isEqualTo("autoscaling/v1");
    assertThat(scale.body().path("kind").asText()).isEqualTo("Scale");
    assertThat(scale.body().path("metadata").path("name").asText()).isEqualTo("hdb");
    assertThat(scale.body().path("metadata").path("namespace").asText()).isEqualTo(NS);
    assertThat(scale.body().path("metadata").path("uid").asText()).isEqualTo(cluster.getMetadata().getUid());
    assertThat(scale.body().path("metadata").path("resourceVersion").asText())
        .isEqualTo(cluster.getMetadata().getResourceVersion());
    assertThat(scale.body().path("spec").path("replicas").asInt()).isEqualTo(3);
    assertThat(scale.body().path("status").path("replicas").asInt()).isEqualTo(2);
    assertThat(scale.body().path("status").path("selector").asText()).isEqualTo("app.kubernetes.io/instance=hdb");
  }

  @Test
  void kubectlScalesWithAMergePatchWhichChangesSpecReplicasAndBumpsTheGeneration() throws Exception {
    HyperbytedbCluster before = createCluster("hdb", 3, 3);

    Reply scale = send("PATCH", CLUSTERS + "hdb/scale", "application/merge-patch+json", "{\"spec\":{\"replicas\":5}}");

    assertThat(scale.code()).isEqualTo(200);
    assertThat(scale.body().path("spec").path("replicas").asInt()).isEqualTo(5);
    assertThat(scale.body().path("status").path("replicas").asInt()).as("status is the controller's").isEqualTo(3);
    HyperbytedbCluster after = cluster("hdb");
    assertThat(after.getSpec().getReplicas()).isEqualTo(5);
    assertThat(after.getMetadata().getGeneration()).isEqualTo(before.getMetadata().getGeneration() + 1);
    assertThat(scale.body().path("metadata").path("resourceVersion").asText())
        .isEqualTo(after.getMetadata().getResourceVersion());
    assertThat(after.getMetadata().getManagedFields()).filteredOn(e -> "scale".equals(e.getSubresource()))
        .singleElement().satisfies(e -> {
          assertThat(e.getManager()).isEqualTo("kubectl");
          assertThat(e.getOperation()).isEqualTo("Update");
          assertThat(e.getFieldsV1().getAdditionalProperties()).containsKey("f:spec");
        });
  }

  @Test
  void fabric8ScalesACustomResourceThroughTheSubresource() {
    createCluster("hdb", 3, 3);

    client.resources(HyperbytedbCluster.class).inNamespace(NS).withName("hdb").scale(5);

    assertThat(cluster("hdb").getSpec().getReplicas()).isEqualTo(5);
    assertThat(kube.requests().all()).extracting(ApiRequest::resourceWithSubresource)
        .contains("hyperbytedbclusters/scale");
  }

  @Test
  void aPutWithAStaleResourceVersionIsAConflictAndChangesNothing() throws Exception {
    HyperbytedbCluster before = createCluster("hdb", 3, 3);
    String stale = before.getMetadata().getResourceVersion();
    client.resources(HyperbytedbCluster.class).inNamespace(NS).withName("hdb")
        .edit(c -> { c.getMetadata().setLabels(java.util.Map.of("touched", "yes")); return c; });

    Reply put = send("PUT", CLUSTERS + "hdb/scale", "application/json", "{\"apiVersion\":\"autoscaling/v1\","
        + "\"kind\":\"Scale\",\"metadata\":{\"name\":\"hdb\",\"namespace\":\"" + NS + "\",\"resourceVersion\":\""
        + stale + "\"},\"spec\":{\"replicas\":7}}");

    assertThat(put.code()).isEqualTo(409);
    assertThat(put.body().path("message").asText()).contains("the object has been modified");
    assertThat(cluster("hdb").getSpec().getReplicas()).isEqualTo(3);
  }

  @Test
  void aPutWithTheCurrentResourceVersionScales() throws Exception {
    createCluster("hdb", 3, 3);
    Reply current = send("GET", CLUSTERS + "hdb/scale", null, null);
    ((tools.jackson.databind.node.ObjectNode) current.body().path("spec")).put("replicas", 4);

    Reply put = send("PUT", CLUSTERS + "hdb/scale", "application/json", Json.write(current.body()));

    assertThat(put.code()).isEqualTo(200);
    assertThat(cluster("hdb").getSpec().getReplicas()).isEqualTo(4);
  }

  @Test
  void negativeReplicasAreInvalidAtTheCrdsReplicasPath() throws Exception {
    createCluster("hdb", 3, 3);

    Reply patch = send("PATCH", CLUSTERS + "hdb/scale", "application/merge-patch+json", "{\"spec\":{\"replicas\":-1}}");

    assertThat(patch.code()).isEqualTo(422);
    assertThat(patch.body().path("message").asText()).isEqualTo(
        "HyperbytedbCluster.hyperbytedb.hyperbyte.cloud \"hdb\" is invalid: .spec.replicas: Invalid value: -1: "
            + "should be a non-negative integer");
    assertThat(patch.body().path("details").path("causes").get(0).path("field").asText()).isEqualTo(".spec.replicas");
    assertThat(cluster("hdb").getSpec().getReplicas()).isEqualTo(3);
  }

  @Test
  void theWriteIsAnUpdateOfTheCustomResourceThatAdmissionSeesAndCanRefuse() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    kube.addAdmissionStep(request -> {
      if (request.resource().equals("hyperbytedbclusters") && request.operation().name().equals("UPDATE")) {
        int replicas = request.object().path("spec").path("replicas").asInt();
        seen.add(request.object().path("kind").asText() + " " + replicas + " " + request.subresource());
        if (replicas > 7) {
          return new AdmissionResult.Refused(422, "Invalid",
              List.of(FieldError.invalid("spec.replicas", replicas + ": must be at most 7")), null);
        }
      }
      return new AdmissionResult.Admitted(request.object(), List.of());
    });
    createCluster("hdb", 3, 3);
    seen.clear();

    Reply refused = send("PATCH", CLUSTERS + "hdb/scale", "application/json-patch+json",
        "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":9}]");
    Reply admitted = send("PATCH", CLUSTERS + "hdb/scale", "application/json-patch+json",
        "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":6}]");

    assertThat(refused.code()).isEqualTo(422);
    assertThat(refused.body().path("details").path("causes").get(0).path("field").asText()).isEqualTo("spec.replicas");
    assertThat(admitted.code()).isEqualTo(200);
    assertThat(seen).containsExactly("HyperbytedbCluster 9 null", "HyperbytedbCluster 6 null");
    assertThat(cluster("hdb").getSpec().getReplicas()).isEqualTo(6);
  }

  @Test
  void anApplyToScaleConflictsWithTheReplicasOwnerUnlessForced() throws Exception {
    createCluster("hdb", 3, 3);
    // the HPA's update through /scale makes it the owner of spec.replicas
    send("PATCH", CLUSTERS + "hdb/scale?fieldManager=horizontal-pod-autoscaler", "application/merge-patch+json",
        "{\"spec\":{\"replicas\":4}}");
    String applied = "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"name\":\"hdb\"},"
        + "\"spec\":{\"replicas\":6}}";

    Reply conflict = send("PATCH", CLUSTERS + "hdb/scale?fieldManager=ops", "application/apply-patch+yaml", applied);
    Reply forced = send("PATCH", CLUSTERS + "hdb/scale?fieldManager=ops&force=true", "application/apply-patch+yaml",
        applied);

    assertThat(conflict.code()).isEqualTo(409);
    assertThat(conflict.body().path("message").asText()).contains("conflict with \"horizontal-pod-autoscaler\"",
        ".spec.replicas");
    assertThat(forced.code()).isEqualTo(200);
    HyperbytedbCluster after = cluster("hdb");
    assertThat(after.getSpec().getReplicas()).isEqualTo(6);
    assertThat(after.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
        .contains("ops").doesNotContain("horizontal-pod-autoscaler");
  }

  @Test
  void afterTheAutoscalerScaledAServerSideApplyOfOtherReplicasConflictsWithIt() throws Exception {
    createCluster("hdb", 3, 3);
    client.resource(Fixtures.cluster("hdb", 3)).fieldManager("kubectl").serverSideApply();
    send("PUT", CLUSTERS + "hdb/scale?fieldManager=kube-controller-manager", "application/json",
        "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"name\":\"hdb\"},"
            + "\"spec\":{\"replicas\":5}}");

    // `kubectl apply --server-side` of the manifest that still says 3
    Reply conflict = send("PATCH", CLUSTERS + "hdb?fieldManager=kubectl", "application/apply-patch+yaml",
        Serialization.asJson(Fixtures.cluster("hdb", 3)));

    assertThat(conflict.code()).isEqualTo(409);
    assertThat(conflict.body().path("message").asText())
        .contains("conflict with \"kube-controller-manager\"", ".spec.replicas");
    assertThat(cluster("hdb").getSpec().getReplicas()).isEqualTo(5);
  }

  @Test
  void aCustomResourceWithoutTheScaleSubresourceHasNone() throws Exception {
    Reply reply = send("GET", "/apis/hyperbytedb.hyperbyte.cloud/v1alpha1/namespaces/" + NS
        + "/hyperbytedbbackups/nightly/scale", null, null);

    assertThat(reply.code()).isEqualTo(404);
  }

  @Test
  void aMissingObjectIsNotFound() throws Exception {
    Reply reply = send("GET", CLUSTERS + "absent/scale", null, null);

    assertThat(reply.code()).isEqualTo(404);
    assertThat(reply.body().path("reason").asText()).isEqualTo("NotFound");
  }

  @Test
  void aStatefulSetScalesThroughAppsV1WithItsSelectorInStringForm() throws Exception {
    client.resource(Fixtures.statefulSet("web", 2, "1").build()).create();

    client.apps().statefulSets().inNamespace(NS).withName("web").scale(4);
    Reply scale = send("GET", "/apis/apps/v1/namespaces/" + NS + "/statefulsets/web/scale", null, null);
    Reply negative = send("PATCH", "/apis/apps/v1/namespaces/" + NS + "/statefulsets/web/scale",
        "application/merge-patch+json", "{\"spec\":{\"replicas\":-2}}");

    assertThat(client.apps().statefulSets().inNamespace(NS).withName("web").get().getSpec().getReplicas()).isEqualTo(4);
    assertThat(scale.body().path("spec").path("replicas").asInt()).isEqualTo(4);
    assertThat(scale.body().path("status").path("selector").asText()).isEqualTo("app=web");
    assertThat(negative.code()).isEqualTo(422);
    assertThat(negative.body().path("message").asText()).isEqualTo(
        "Scale.autoscaling \"web\" is invalid: spec.replicas: Invalid value: -2: must be greater than or equal to 0");
  }
}
