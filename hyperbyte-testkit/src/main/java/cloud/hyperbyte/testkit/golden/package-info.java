/** Golden-file assertions with one switch ({@code -Dgolden.update=true}) to regenerate them. */
package cloud.hyperbyte.testkit.golden;
