/**
 * Admission of writes to the simulated API server: the checks a real kube-apiserver makes before it
 * stores an object (immutable fields, custom resource schema validation, pruning, defaulting, CEL
 * rules). Each check is an {@link cloud.hyperbyte.testkit.kube.admission.AdmissionStep}; the
 * simulated server runs them in order on every create and update, after it computed the object it
 * would store (patches and applies included).
 */
package cloud.hyperbyte.testkit.kube.admission;
