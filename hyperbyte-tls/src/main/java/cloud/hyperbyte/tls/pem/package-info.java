/**
 * PEM encoding: PKCS#8 keys and certificates out; PKCS#8, SEC1 and PKCS#1 keys and certificate
 * chains in.
 */
package cloud.hyperbyte.tls.pem;
