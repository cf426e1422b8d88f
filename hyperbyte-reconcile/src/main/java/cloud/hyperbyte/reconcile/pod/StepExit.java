package cloud.hyperbyte.reconcile.pod;

/**
 * The exit codes every operator-image step of a data pod (backup upload, restore fetch, seed serve
 * and fetch) ends with, so the operator reads them the same way whatever the step.
 */
public final class StepExit {

  /** Failed; another attempt would fail too. */
  public static final int FAILED = 1;
  /** Bad arguments (picocli's usage error code). */
  public static final int USAGE = 2;
  /** Failed on something passing (a store unavailable, a connection broken): another attempt may work. */
  public static final int TRANSIENT = 75;

  private StepExit() {}
}
