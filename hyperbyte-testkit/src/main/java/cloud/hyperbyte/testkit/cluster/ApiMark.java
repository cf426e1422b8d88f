package cloud.hyperbyte.testkit.cluster;

/**
 * A point in the simulated API's request log; {@link SimulatedCluster#activitySince(ApiMark)} tells
 * what the code under test requested after it.
 *
 * @param position how many requests the log held when the mark was taken
 */
public record ApiMark(int position) {}
