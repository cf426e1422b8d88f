package cloud.hyperbyte.operator.campaign;

import java.time.Duration;

/** One step of a schedule: {@code action} at {@code at} of simulated time after the cluster was created. */
record Step(Duration at, Action action) {

  @Override
  public String toString() {
    return String.format("t+%6.1fs  %s", at.toMillis() / 1000.0, action);
  }
}
