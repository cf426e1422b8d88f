/**
 * The observed snapshot: one immutable value holding everything a lifecycle decision reads — the
 * validated spec, the status as last written, the rendered desired objects, the live StatefulSet,
 * pods, PVCs and proxy pods, and per-member database facts collected through
 * {@link cloud.hyperbyte.reconcile.port.DatabaseNodes} by {@link
 * cloud.hyperbyte.reconcile.snapshot.SnapshotCollector}.
 */
@Value.Style(visibility = Value.Style.ImplementationVisibility.PUBLIC, jdkOnly = true)
package cloud.hyperbyte.reconcile.snapshot;

import org.immutables.value.Value;
