package cloud.hyperbyte.reconcile.decision;

import cloud.hyperbyte.reconcile.port.AdminCredentials;
import cloud.hyperbyte.reconcile.port.ClusterEvent;
import cloud.hyperbyte.reconcile.port.MemberAddress;
import cloud.hyperbyte.reconcile.port.ProxyEndpoint;
import java.util.Objects;
import java.util.Set;

/**
 * One side effect a pass asks for, carried out through the ports in list order. Each action names
 * the event the operator records when it succeeds. When an action fails the operator stops the pass
 * without writing the planned status, and retries; every action is safe to repeat.
 */
public sealed interface Action {

  /** Event reason of every member restart a rolling upgrade makes; the message names its reasons. */
  String RESTART_EVENT = "MemberRestart";

  /** The member ordinal the action concerns. */
  int ordinal();

  /** The event to record once the action succeeded. */
  ClusterEvent event();

  /** Whether the action takes a member (or its data) out of service. */
  default boolean disruptive() {
    return false;
  }

  /**
   * Whether the action changes database state (Raft membership, a member's drain) whose outcome no
   * Kubernetes event announces, so the next look is scheduled rather than triggered.
   */
  default boolean changesDatabase() {
    return this instanceof AddMember || this instanceof RemoveMember || this instanceof DrainMember;
  }

  /** {@code add-node} with promote through the leader: a new member, a learner, or a member peers dropped. */
  record AddMember(MemberAddress leader, MemberAddress member, String why) implements Action {
    public AddMember {
      Objects.requireNonNull(leader, "leader");
      Objects.requireNonNull(member, "member");
    }

    public int ordinal() {
      return member.ordinal();
    }

    public ClusterEvent event() {
      return ClusterEvent.normal("MemberAdded",
          "Added node " + member.nodeId() + " as Raft voter through leader node " + leader.nodeId() + ": " + why,
          member.podName());
    }
  }

  /** {@code remove-node} through the leader, after the member was drained. */
  record RemoveMember(MemberAddress leader, MemberAddress member) implements Action {
    public int ordinal() {
      return member.ordinal();
    }

    public boolean disruptive() {
      return true;
    }

    public ClusterEvent event() {
      return ClusterEvent.normal("MemberRemoved",
          "Removed node " + member.nodeId() + " from the Raft voters through leader node " + leader.nodeId(),
          member.podName());
    }
  }

  /** {@code POST /internal/drain} on a member that leaves the cluster. */
  record DrainMember(MemberAddress member) implements Action {
    public int ordinal() {
      return member.ordinal();
    }

    public boolean disruptive() {
      return true;
    }

    public ClusterEvent event() {
      return ClusterEvent.normal("MemberDraining", "Draining node " + member.nodeId() + " before removing it",
          member.podName());
    }
  }

  /**
   * Delete a member pod (UID precondition); the StatefulSet controller recreates it. A planned
   * restart ({@link #RESTART_EVENT}) is announced as a Normal event, {@code Restarting pod <pod> <why>},
   * worded like {@link ReleaseRestart}'s; any other deletion is a Warning.
   */
  record DeletePod(String podName, String podUid, int ordinal, String reason, String why) implements Action {
    public boolean disruptive() {
      return true;
    }

    public ClusterEvent event() {
      if (RESTART_EVENT.equals(reason)) {
        return ClusterEvent.normal(reason, "Restarting pod " + podName + " " + why, podName);
      }
      return ClusterEvent.warning(reason, "Deleted pod " + podName + ": " + why, podName);
    }
  }

  /**
   * Records that a member restarts on {@code revision} because the pass lowers the rolling-update
   * partition to its ordinal (the StatefulSet write that follows the actions does the restart); with
   * {@code OnDelete} the restart is a {@link DeletePod} whose event names the reasons instead.
   */
  record ReleaseRestart(String podName, int ordinal, String revision, Set<RestartReason> reasons) implements Action {
    public ReleaseRestart {
      reasons = Set.copyOf(reasons);
    }

    public ClusterEvent event() {
      return ClusterEvent.normal(RESTART_EVENT, "Restarting pod " + podName + " on revision " + revision + "; "
          + RestartReason.describe(reasons), podName);
    }
  }

  /**
   * Delete the data PVC of a member that was removed from Raft and whose pod is gone.
   *
   * @param why the end of the event's message: why the volume goes
   */
  record DeletePvc(String pvcName, int ordinal, String why) implements Action {
    /** The volume of a member a scale-down removed, under {@code whenScaled: Delete}. */
    public DeletePvc(String pvcName, int ordinal) {
      this(pvcName, ordinal, "(persistentVolumeClaimRetention.whenScaled: Delete)");
    }

    public boolean disruptive() {
      return true;
    }

    public ClusterEvent event() {
      return ClusterEvent.normal("VolumeDeleted", "Deleted PVC " + pvcName + " of a removed member " + why, null);
    }
  }

  /**
   * Make the admin user of the credentials Secret exist on the member with that password (contract
   * §6.2): {@code CREATE USER … WITH ALL PRIVILEGES} when {@code create} (while auth is still off, or
   * a new username), then {@code SET PASSWORD} if it existed; otherwise {@code SET PASSWORD}.
   * Authenticated as the credentials applied before, if any. The event names the user, never the
   * password.
   */
  record ApplyAdminCredentials(MemberAddress member, java.util.Optional<AdminCredentials> applied,
      AdminCredentials wanted, boolean create) implements Action {
    public ApplyAdminCredentials {
      Objects.requireNonNull(member, "member");
      Objects.requireNonNull(applied, "applied");
      Objects.requireNonNull(wanted, "wanted");
    }

    public int ordinal() {
      return member.ordinal();
    }

    public ClusterEvent event() {
      return create
          ? ClusterEvent.normal("AdminUserCreated", "Created admin user " + wanted.username() + " on node "
              + member.nodeId() + " from the credentials Secret", member.podName())
          : ClusterEvent.normal("AdminPasswordChanged", "Set a new password for admin user " + wanted.username()
              + " on node " + member.nodeId() + " from the credentials Secret", member.podName());
    }
  }

  /** Stop one proxy pod from routing to a member. */
  record ExcludeFromProxy(ProxyEndpoint proxy, String backendIp, int ordinal, String podName) implements Action {
    public ClusterEvent event() {
      return ClusterEvent.normal("MemberExcluded",
          "Proxy " + proxy.podName() + " stopped routing to " + podName + " (" + backendIp + ")", podName);
    }
  }

  /** Let one proxy pod route to a member again. */
  record IncludeInProxy(ProxyEndpoint proxy, String backendIp, int ordinal, String podName) implements Action {
    public ClusterEvent event() {
      return ClusterEvent.normal("MemberIncluded",
          "Proxy " + proxy.podName() + " routes to " + podName + " (" + backendIp + ") again", podName);
    }
  }

  /**
   * Grow a member's data PVC to {@code size} ({@code spec.resources.requests.storage}); the resizer and
   * the kubelet do the rest while the member runs. Repeating it changes nothing.
   */
  record ResizeVolume(String pvcName, int ordinal, String size, String from) implements Action {
    public ClusterEvent event() {
      return ClusterEvent.normal("VolumeResizeRequested",
          "Requested " + size + " for PVC " + pvcName + " (was " + from + ")", null);
    }
  }

  /**
   * Delete the StatefulSet with {@code propagationPolicy: Orphan} (UID precondition), so that it can
   * be created again with new {@code volumeClaimTemplates}, which the API server does not let change:
   * its pods keep running and the new StatefulSet adopts them. Not tied to a member: ordinal -1.
   */
  record OrphanStatefulSet(String name, String uid, String why) implements Action {
    public int ordinal() {
      return -1;
    }

    public ClusterEvent event() {
      return ClusterEvent.normal("StatefulSetReplacing",
          "Deleted StatefulSet " + name + " leaving its pods running, to create it again " + why, null);
    }
  }
}
