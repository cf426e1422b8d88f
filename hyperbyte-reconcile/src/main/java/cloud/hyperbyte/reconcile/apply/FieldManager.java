package cloud.hyperbyte.reconcile.apply;

import cloud.hyperbyte.render.topology.ClusterLabels;

/**
 * The one server-side apply field manager the operator writes with. A single, fixed name is what
 * makes SSA remove a field the operator stops applying: the API server drops fields the same
 * manager owned before and no longer sends. Applies always force, so fields the operator owns are
 * taken back from anyone who changed them (kubectl edit), while fields only others set stay theirs.
 */
public final class FieldManager {

  /** Same value as the managed-by label, so ownership reads the same in both places. */
  public static final String NAME = ClusterLabels.MANAGER;

  private FieldManager() {}
}
