package cloud.hyperbyte.operator.campaign;

import static cloud.hyperbyte.operator.campaign.UserIntent.NAMESPACE;

import cloud.hyperbyte.operator.storage.LocalS3;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * The backup target of a run: a real in-process S3 server (s3proxy) with the bucket and the
 * credentials Secret the user's backups name. S3 itself is not faulted (see the README: s3proxy
 * has no cheap fault hook); backups are disturbed through the API, the members and the operator.
 */
final class Storage implements AutoCloseable {

  static final String BUCKET = "backups";
  static final String SECRET = "s3-creds";
  /** The operator image restore pods run; the simulated kubelet runs the real restore-fetch for it. */
  static final String OPERATOR_IMAGE = "ghcr.io/hyperbyte-cloud/hyperbytedb-operator:campaign";

  private final LocalS3 s3;

  Storage(KubernetesClient user) throws Exception {
    s3 = LocalS3.inMemory();
    s3.createBucket(BUCKET);
    user.secrets().inNamespace(NAMESPACE).resource(LocalS3.credentialsSecret(NAMESPACE, SECRET)).create();
  }

  String endpoint() {
    return s3.endpoint();
  }

  /** Every object in the bucket. */
  Map<String, byte[]> objects() throws Exception {
    return s3.objects(BUCKET);
  }


  @Override
  public void close() throws Exception {
    s3.close();
  }
}
