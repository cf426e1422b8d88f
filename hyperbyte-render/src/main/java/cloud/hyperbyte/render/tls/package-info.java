/** Which Secret database pods mount for TLS, and the cert-manager Certificate. */
package cloud.hyperbyte.render.tls;
