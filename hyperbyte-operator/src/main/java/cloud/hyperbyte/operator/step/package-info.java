/** What the operator image's pod steps share below the command line: how a step fails. */
package cloud.hyperbyte.operator.step;
