package cloud.hyperbyte.testkit.kube;

/**
 * One list the simulated API answered (see {@link SimulatedKubernetes#servedLists()}).
 *
 * @param path the collection path, without the query
 * @param limit the request's {@code limit}, null when it had none
 * @param continued whether the request carried a {@code continue} token (a later chunk)
 * @param items how many items the answer held
 * @param more whether the answer carried a continue token (more chunks remain)
 */
public record ServedList(String path, Long limit, boolean continued, int items, boolean more) {}
