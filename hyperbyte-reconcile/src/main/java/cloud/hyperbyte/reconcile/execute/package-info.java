/**
 * Carries out a {@link cloud.hyperbyte.reconcile.decision.LifecyclePlan}'s actions through the ports:
 * {@link cloud.hyperbyte.reconcile.execute.ActionExecutor} runs them in order, records an Event per
 * action, stops at the first failure and tells the caller in an {@link
 * cloud.hyperbyte.reconcile.execute.ExecutionResult} whether the pass's status may be written and when
 * to try again. Nothing here decides what to do; that is the decision package's job.
 */
package cloud.hyperbyte.reconcile.execute;
