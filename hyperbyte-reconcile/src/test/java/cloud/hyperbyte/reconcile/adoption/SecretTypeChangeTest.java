package cloud.hyperbyte.reconcile.adoption;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretTypeChangeTest {

  private static final String CLUSTER_UID = "cluster-uid";
  private final Secret ours = secret(null, "Opaque", null);

  private static Secret secret(String uid, String type, String controllerUid) {
    SecretBuilder builder = new SecretBuilder().withNewMetadata().withName("db-tls").withUid(uid).endMetadata()
        .withType(type);
    if (controllerUid != null) {
      builder.editMetadata().addNewOwnerReference().withUid(controllerUid).withController(true).withKind("HyperbytedbCluster")
          .withName("db").withApiVersion("hyperbytedb.hyperbyte.cloud/v1alpha1").endOwnerReference().endMetadata();
    }
    return builder.build();
  }

  @Test
  void theGoOperatorsTlsSecretIsDeletedFirstBecauseATypeCannotChange() {
    assertThat(SecretTypeChange.staleUid(ours, Optional.of(secret("go-uid", "kubernetes.io/tls", CLUSTER_UID)),
        CLUSTER_UID)).contains("go-uid");
  }

  @Test
  void aSecretOfTheSameTypeIsAppliedOver() {
    assertThat(SecretTypeChange.staleUid(ours, Optional.of(secret("uid", "Opaque", CLUSTER_UID)), CLUSTER_UID))
        .isEmpty();
    assertThat(SecretTypeChange.staleUid(ours, Optional.of(secret("uid", null, CLUSTER_UID)), CLUSTER_UID))
        .as("no type means Opaque").isEmpty();
  }

  @Test
  void aSecretTheClusterDoesNotControlIsNeverDeleted() {
    assertThat(SecretTypeChange.staleUid(ours, Optional.of(secret("uid", "kubernetes.io/tls", null)), CLUSTER_UID))
        .isEmpty();
    assertThat(SecretTypeChange.staleUid(ours, Optional.of(secret("uid", "kubernetes.io/tls", "other")), CLUSTER_UID))
        .isEmpty();
  }

  @Test
  void noLiveSecretNeedsNothing() {
    assertThat(SecretTypeChange.staleUid(ours, Optional.empty(), CLUSTER_UID)).isEmpty();
  }
}
