/**
 * TLS material for HyperbyteDB clusters, free of Kubernetes types: the render and reconcile layers
 * turn it into Secrets, volumes and pod templates.
 *
 * <h2>How each pod gets its own certificate (operator-managed CA)</h2>
 *
 * <p>HyperbyteDB 0.8.5 reads {@code tls_cert_path}/{@code tls_key_path} (PEM) once at start and
 * serves HTTPS only on its single port. A StatefulSet has one pod template, so the per-node choice
 * happens at container start:
 *
 * <ol>
 *   <li>The operator keeps the CA in the Secret {@code <name>-ca} ({@link
 *       cloud.hyperbyte.tls.CaSecretKeys}: {@code ca.crt}, {@code ca.key}); it is never mounted.
 *   <li>It keeps ONE Secret {@code <name>-tls} of type {@code Opaque} ({@link
 *       cloud.hyperbyte.tls.NodeCertificateKeys}) with {@code ca.crt} and, per ordinal {@code i},
 *       {@code node-<i>.crt} and {@code node-<i>.key}, built by {@link
 *       cloud.hyperbyte.tls.NodeTlsSecretData}. Each node certificate carries exactly {@link
 *       cloud.hyperbyte.tls.NodeDnsNames#forNode} (pod FQDN, client and proxy Service names,
 *       {@code localhost}).
 *   <li>The Secret is mounted read-only at {@code /etc/hyperbytedb/tls}.
 *   <li>The container starts with {@code /bin/sh -c}: {@link
 *       cloud.hyperbyte.tls.NodeCertificateKeys#shellExports()} derives {@code ORDINAL} from
 *       {@code $HOSTNAME} and exports {@code HYPERBYTEDB__SERVER__TLS_CERT_PATH=
 *       /etc/hyperbytedb/tls/node-$ORDINAL.crt} and {@code
 *       HYPERBYTEDB__SERVER__TLS_KEY_PATH=/etc/hyperbytedb/tls/node-$ORDINAL.key}, then {@code
 *       exec}s the server.
 *   <li>Certificates for new ordinals are added before a scale-up; {@link
 *       cloud.hyperbyte.tls.renewal.RenewalAdvisor} says which entries to re-issue, and {@link
 *       cloud.hyperbyte.tls.renewal.MaterialHash} over the Secret data goes on the pod template so
 *       members roll (one at a time) to load renewed material.
 * </ol>
 *
 * <p>Renewing the CA means a new CA key and re-issuing every node certificate in the same pass.
 */
package cloud.hyperbyte.tls;
