package cloud.hyperbyte.operator.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;
import java.time.Duration;
import java.util.Objects;

/**
 * The Lease lock fabric8's elector uses, telling the {@link LeadershipFence} of every record this
 * instance stored as holder. Only a stored write counts: the fence moves once the API server has
 * accepted the renewal (an update that failed or conflicted throws before). The record's renew time
 * is the one other candidates measure expiry from, so the fence measures from it too.
 */
final class RenewalRecordingLock implements Lock {

  private final Lock delegate;
  private final LeadershipFence fence;
  private final Duration validFor;

  RenewalRecordingLock(Lock delegate, LeadershipFence fence, Duration validFor) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.fence = Objects.requireNonNull(fence, "fence");
    this.validFor = Objects.requireNonNull(validFor, "validFor");
  }

  @Override
  public LeaderElectionRecord get(KubernetesClient client) {
    return delegate.get(client);
  }

  @Override
  public void create(KubernetesClient client, LeaderElectionRecord record) {
    delegate.create(client, record);
    stored(record);
  }

  @Override
  public void update(KubernetesClient client, LeaderElectionRecord record) {
    delegate.update(client, record);
    stored(record);
  }

  private void stored(LeaderElectionRecord record) {
    if (identity().equals(record.getHolderIdentity())) {
      fence.renewed(record.getRenewTime().toInstant(), validFor);
    } else {
      // a release (no holder) or a record for someone else: this instance no longer leads
      fence.close();
    }
  }

  @Override
  public String identity() {
    return delegate.identity();
  }

  @Override
  public String describe() {
    return delegate.describe();
  }
}
