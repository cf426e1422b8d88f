package cloud.hyperbyte.testkit;

import java.time.Duration;

/**
 * How long a test waits for the simulated cluster to reach a state it asserts. The bound only ends a test that would
 * otherwise hang: the states are reached in milliseconds on an idle machine, and a loaded CI machine must not fail a
 * test for being slow (a 10 s bound did, at load 40). Tests never assert how fast the simulation is; benchmarks do.
 * Override with {@code -Dtestkit.patience=PT5M}.
 */
public final class Patience {

  /** The longest a test waits for a simulated state before it fails. */
  public static final Duration LIMIT = Duration.parse(System.getProperty("testkit.patience", "PT3M"));

  private Patience() {
  }
}
