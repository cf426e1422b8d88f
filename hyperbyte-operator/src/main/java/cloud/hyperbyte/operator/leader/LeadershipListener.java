package cloud.hyperbyte.operator.leader;

/** Told when this process starts and stops being the one that reconciles. */
public interface LeadershipListener {

  /** This process now leads: start reconciling. Called from the election thread; must not block long. */
  void onStartedLeading();

  /** This process no longer leads (lost the Lease or shutting down): stop starting reconciles. */
  void onStoppedLeading();
}
