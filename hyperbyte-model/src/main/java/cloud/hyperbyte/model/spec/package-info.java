/**
 * The validated, fully defaulted, immutable cluster spec that everything downstream consumes.
 *
 * <p>{@link cloud.hyperbyte.model.spec.ClusterSpecFactory} is the one place that turns user input
 * (a {@link cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster}) into a {@link
 * cloud.hyperbyte.model.spec.ClusterSpec}; every problem a user can cause is reported there, all at
 * once, with its field path.
 */
@Value.Style(visibility = Value.Style.ImplementationVisibility.PUBLIC, jdkOnly = true)
package cloud.hyperbyte.model.spec;

import org.immutables.value.Value;
