/**
 * Custom resource admission as apiextensions-apiserver does it: pruning, defaulting, structural
 * schema validation and {@code x-kubernetes-validations} rules evaluated with {@code dev.cel:cel}
 * ({@link cloud.hyperbyte.testkit.kube.admission.crd.CustomResourceAdmission}), and the checks on a
 * CRD's rules when the CRD is created
 * ({@link cloud.hyperbyte.testkit.kube.admission.crd.CustomResourceDefinitionAdmission}).
 */
package cloud.hyperbyte.testkit.kube.admission.crd;
