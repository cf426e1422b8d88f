package cloud.hyperbyte.reconcile.backup;

import java.io.InputStream;
import java.util.Collection;
import java.util.List;

/**
 * The bucket of one backup destination. Keys are full object keys (the settings' prefix is not
 * added implicitly). Every method throws {@link ObjectStoreException} on failure. Implemented with
 * the AWS SDK in hyperbyte-operator ({@code S3ObjectStore}) and in memory in tests.
 */
public interface ObjectStore {

  /**
   * Stores the stream under {@code key}, reading it to its end. Memory stays bounded whatever the
   * length: data goes out in fixed-size parts (multipart upload), and a failed upload is aborted so
   * no partial object becomes visible.
   *
   * @return the number of bytes stored
   */
  long put(String key, InputStream data);

  /** Stores a small object in one request. */
  void put(String key, byte[] data);

  /** Every object whose key starts with {@code prefix}, in key order. */
  List<StoredObject> list(String prefix);

  /** Opens the object for reading; the caller closes the stream. */
  InputStream get(String key);

  /** Deletes the keys; keys that do not exist are not an error. */
  void delete(Collection<String> keys);
}
