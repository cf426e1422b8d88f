package cloud.hyperbyte.operator.e2e;

import cloud.hyperbyte.operator.storage.LocalS3;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The stage of a scenario with backups: besides the simulated cluster and the operator, a real S3
 * server in-process holding the bucket backups name, and the credentials Secret it accepts in the
 * scenario's namespace. Scenarios release what they hold in their own {@code @AfterEach}, which
 * runs before the server stops here.
 */
abstract class BackupE2eTest extends OperatorE2eTest {

  static final String BUCKET = "backups";
  static final String SECRET = "s3-creds";

  LocalS3 s3;

  @BeforeEach
  void startS3() throws Exception {
    s3 = LocalS3.inMemoryWithBucket(BUCKET);
    LocalS3.storeCredentialsSecret(user, NS, SECRET);
  }

  @AfterEach
  void stopS3() throws Exception {
    s3.close();
  }

  /** Creates a one-shot backup {@code name} of cluster {@code hdb} into the bucket. */
  void createBackup(String name) {
    user.resource(Manifests.backup(name, NS, "hdb", BUCKET, s3.endpoint(), SECRET)).create();
  }
}
