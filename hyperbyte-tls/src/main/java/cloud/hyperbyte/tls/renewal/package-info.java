/**
 * Pure renewal decisions for operator-issued material ({@link
 * cloud.hyperbyte.tls.renewal.RenewalAdvisor}) and the material hash that makes pods roll when it
 * changes ({@link cloud.hyperbyte.tls.renewal.MaterialHash}).
 */
package cloud.hyperbyte.tls.renewal;
