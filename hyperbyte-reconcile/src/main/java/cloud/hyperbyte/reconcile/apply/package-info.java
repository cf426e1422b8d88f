/**
 * Server-side apply planning: desired objects (from render) and live objects (from the informer
 * cache) in, the minimal {@link cloud.hyperbyte.reconcile.apply.ApplyPlan} of applies and prunes
 * out. {@link cloud.hyperbyte.reconcile.apply.ApplyPlanner} is pure; {@link
 * cloud.hyperbyte.reconcile.apply.ApplyExecutor} runs a plan through the {@link
 * cloud.hyperbyte.reconcile.apply.ObjectWriter} port, which the operator module implements with
 * the fabric8 client. No client classes here, only fabric8 model classes.
 */
package cloud.hyperbyte.reconcile.apply;
