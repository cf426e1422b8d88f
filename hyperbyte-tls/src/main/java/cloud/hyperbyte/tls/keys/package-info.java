/** Key generation per {@link cloud.hyperbyte.tls.keys.KeyAlgorithm} and key/certificate matching. */
package cloud.hyperbyte.tls.keys;
