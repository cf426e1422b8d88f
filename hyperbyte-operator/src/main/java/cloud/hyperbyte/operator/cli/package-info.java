/** The command line: {@code render} (offline) and {@code run} (the operator process). */
package cloud.hyperbyte.operator.cli;
