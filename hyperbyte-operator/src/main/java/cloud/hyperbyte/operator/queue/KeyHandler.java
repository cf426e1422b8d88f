package cloud.hyperbyte.operator.queue;

/** Reconciles one key. Never called concurrently for the same key. */
@FunctionalInterface
public interface KeyHandler<K> {

  /**
   * Reconciles {@code key}.
   *
   * @throws Exception to have the key retried with exponential backoff
   */
  ReconcileResult handle(K key) throws Exception;
}
