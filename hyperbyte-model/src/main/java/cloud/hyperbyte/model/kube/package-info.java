/**
 * Kubernetes' own rules for values that the operator copies into built-in objects (names, label
 * keys and values, resource quantities, image references), mirrored from
 * {@code k8s.io/apimachinery/pkg/util/validation}, {@code pkg/apis/core/validation},
 * {@code k8s.io/apimachinery/pkg/api/resource} and the image reference grammar, so that input the API
 * server or the kubelet would refuse later is refused up front with its field path. Each check answers
 * with what is wrong, in words a person can act on, or empty when the value is fine.
 */
package cloud.hyperbyte.model.kube;
