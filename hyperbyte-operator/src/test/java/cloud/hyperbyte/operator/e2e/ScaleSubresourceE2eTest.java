package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scaling through the cluster's scale subresource, as {@code kubectl scale} and the
 * HorizontalPodAutoscaler do it: the request goes to {@code …/hyperbytedbclusters/NAME/scale}
 * ({@code autoscaling/v1 Scale}), the API server maps it to {@code spec.replicas}, and the operator
 * follows the new spec without writing {@code spec.replicas} back.
 */
class ScaleSubresourceE2eTest extends OperatorE2eTest {

  private static final String KUBECTL = "kubectl/v1.30.0 (linux/amd64) kubernetes/7c48c2b";
  /** The HPA controller runs in kube-controller-manager; the API server names its writes by that product. */
  private static final String HPA_CONTROLLER =
      "kube-controller-manager/v1.30.0 (linux/amd64) kubernetes/7c48c2b/system:serviceaccount:kube-system:"
          + "horizontal-pod-autoscaler";

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void kubectlScaleGrowsAClusterFromThreeToFiveMembers() throws Exception {
    create(Manifests.cluster("hdb", 3));
    awaitRunning("hdb", 3);

    // kubectl scale hyperbytedbcluster/hdb --replicas=5
    HttpResponse<String> scaled = scale("PATCH", "hdb", "application/merge-patch+json", "{\"spec\":{\"replicas\":5}}",
        KUBECTL);

    assertThat(scaled.statusCode()).as(scaled.body()).isEqualTo(200);
    assertThat(scaleField(scaled, "spec", "replicas")).isEqualTo("5");
    awaitRunning("hdb", 5);
    assertThat(voters("hdb")).containsExactly(1L, 2L, 3L, 4L, 5L);
    HttpResponse<String> read = scale("GET", "hdb", null, null, KUBECTL);
    assertThat(scaleField(read, "status", "replicas")).isEqualTo("5");
    assertThat(scaleField(read, "status", "selector")).isNotEmpty().isEqualTo(status("hdb").getSelector());
    assertThat(history.phases("hdb")).containsSubsequence("Running", "Scaling", "Running");
  }

  @Test
  void theAutoscalersUpdateOfScaleIsFollowedAndTheOperatorLeavesItsReplicasAlone() throws Exception {
    create(Manifests.cluster("auto", 3, """
        autoscaling:
          enabled: true
          minReplicas: 3
          maxReplicas: 5
        """));
    awaitRunning("auto", 3);
    HorizontalPodAutoscaler hpa = user.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("auto")
        .get();
    assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("HyperbytedbCluster");

    // the HPA controller reads the target's Scale and updates it with the replicas it wants
    HttpResponse<String> current = scale("GET", "auto", null, null, HPA_CONTROLLER);
    @SuppressWarnings("unchecked") Map<String, Object> wanted = Serialization.unmarshal(current.body(), Map.class);
    @SuppressWarnings("unchecked") Map<String, Object> spec = (Map<String, Object>) wanted.get("spec");
    spec.put("replicas", 4);
    HttpResponse<String> updated = scale("PUT", "auto", "application/json", Serialization.asJson(wanted),
        HPA_CONTROLLER);

    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    awaitRunning("auto", 4);
    awaitMoreReconciles(3);
    HyperbytedbCluster cluster = cluster("auto");
    assertThat(cluster.getSpec().getReplicas()).as("the operator never writes spec.replicas back").isEqualTo(4);
    assertThat(cluster.getMetadata().getManagedFields())
        .filteredOn(e -> String.valueOf(e.getFieldsV1().getAdditionalProperties().get("f:spec")).contains("f:replicas"))
        .extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getSubresource)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("kube-controller-manager", "scale"));
    assertThat(user.apps().statefulSets().inNamespace(NS).withName("auto").get().getSpec().getReplicas()).isEqualTo(4);
    assertThat(voters("auto")).containsExactly(1L, 2L, 3L, 4L);
  }

  /** A request to the cluster's scale subresource, as a client with {@code userAgent} sends it. */
  private HttpResponse<String> scale(String method, String name, String contentType, String body, String userAgent)
      throws Exception {
    URI uri = URI.create(user.getMasterUrl().toString().replaceFirst("/$", "")
        + "/apis/hyperbytedb.hyperbyte.cloud/v1alpha1/namespaces/" + NS + "/hyperbytedbclusters/" + name + "/scale");
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("User-Agent", userAgent);
    if (body == null) {
      request.GET();
    } else {
      request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @SuppressWarnings("unchecked")
  private static String scaleField(HttpResponse<String> response, String section, String field) {
    Map<String, Object> scale = Serialization.unmarshal(response.body(), Map.class);
    return String.valueOf(((Map<String, Object>) scale.get(section)).get(field));
  }
}
