package cloud.hyperbyte.operator.leader;

import java.util.concurrent.atomic.AtomicBoolean;

/** Leader election turned off: this process leads from start to close (one operator replica). */
public final class NoLeaderElection implements LeaderElection {

  private final LeadershipListener listener;
  private final AtomicBoolean leading = new AtomicBoolean();

  public NoLeaderElection(LeadershipListener listener) {
    this.listener = listener;
  }

  @Override
  public void start() {
    if (leading.compareAndSet(false, true)) {
      listener.onStartedLeading();
    }
  }

  @Override
  public boolean isLeader() {
    return leading.get();
  }

  @Override
  public void close() {
    if (leading.compareAndSet(true, false)) {
      listener.onStoppedLeading();
    }
  }
}
