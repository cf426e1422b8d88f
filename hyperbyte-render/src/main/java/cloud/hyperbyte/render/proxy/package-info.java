/** hyperbytedb-proxy Deployment and Service. */
package cloud.hyperbyte.render.proxy;
