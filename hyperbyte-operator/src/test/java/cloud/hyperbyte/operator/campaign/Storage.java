package cloud.hyperbyte.operator.campaign;

import static cloud.hyperbyte.operator.campaign.UserIntent.NAMESPACE;

import cloud.hyperbyte.operator.storage.LocalS3;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * The backup target of a run: a real in-process S3 server (s3proxy) with the bucket and the
 * credentials Secret the user's backups name, reached through an {@link S3FaultProxy} so S3 errors
 * and timeouts can be injected on the way.
 */
final class Storage implements AutoCloseable {

  static final String BUCKET = "backups";
  static final String SECRET = "s3-creds";
  /** The operator image restore pods run; the simulated kubelet runs the real restore-fetch for it. */
  static final String OPERATOR_IMAGE = "ghcr.io/hyperbyte-cloud/hyperbytedb-operator:campaign";

  private final LocalS3 s3;
  private final S3FaultProxy faults;

  /** @param seed the seed of the fault proxy's probability draws */
  Storage(KubernetesClient user, long seed) throws Exception {
    s3 = LocalS3.inMemoryWithBucket(BUCKET);
    faults = new S3FaultProxy(java.net.URI.create(s3.endpoint()).getPort(), seed);
    LocalS3.storeCredentialsSecret(user, NAMESPACE, SECRET);
  }

  /** The endpoint backups name: the fault proxy's. */
  String endpoint() {
    return faults.endpoint();
  }

  /** Injects S3 faults on the way to the server. */
  S3FaultProxy faults() {
    return faults;
  }

  /** Every object in the bucket. */
  Map<String, byte[]> objects() throws Exception {
    return s3.objects(BUCKET);
  }


  @Override
  public void close() throws Exception {
    faults.close();
    s3.close();
  }
}
