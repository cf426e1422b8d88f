package cloud.hyperbyte.operator.leader;

import java.util.concurrent.atomic.AtomicBoolean;

/** Leader election turned off: this process leads from start to close (one operator replica). */
public final class NoLeaderElection implements LeaderElection {

  private final LeadershipListener listener;
  private final LeadershipFence fence;
  private final AtomicBoolean leading = new AtomicBoolean();

  /** @param fence open from start to close */
  public NoLeaderElection(LeadershipListener listener, LeadershipFence fence) {
    this.listener = listener;
    this.fence = fence;
  }

  @Override
  public void start() {
    if (leading.compareAndSet(false, true)) {
      fence.openWithoutLease();
      listener.onStartedLeading();
    }
  }

  @Override
  public boolean isLeader() {
    return leading.get();
  }

  @Override
  public void close() {
    fence.close();
    if (leading.compareAndSet(true, false)) {
      listener.onStoppedLeading();
    }
  }
}
