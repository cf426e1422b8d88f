package cloud.hyperbyte.render.workload;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

/**
 * Security contexts used unless the user replaces them (Pod Security Standard "restricted").
 *
 * <p>The stock HyperbyteDB image has no {@code USER} and pre-creates its data directories owned by
 * root; here it runs as uid/gid {@value #USER_ID}, the member volume is mounted over those
 * directories, and {@code fsGroup} makes it writable. The root filesystem is read-only, so chDB's
 * scratch space is an emptyDir at {@code /tmp}. An image that really needs root can be run by
 * setting {@code podSecurityContext} and {@code containerSecurityContext} in the cluster spec;
 * each replaces the corresponding default as a whole, nothing is merged.
 */
public final class SecureDefaults {

  public static final long USER_ID = 10001L;

  private SecureDefaults() {}

  /** Non-root user and group, fsGroup for the volume, RuntimeDefault seccomp. */
  public static PodSecurityContext pod() {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(USER_ID)
        .withRunAsGroup(USER_ID)
        .withFsGroup(USER_ID)
        .withFsGroupChangePolicy("OnRootMismatch")
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  /** No privilege escalation, no capabilities, read-only root filesystem. */
  public static SecurityContext container() {
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .withReadOnlyRootFilesystem(true)
        .build();
  }
}
