/** Pure render of a validated cluster spec into the desired Kubernetes objects: {@link cloud.hyperbyte.render.ClusterRenderer} is the entry point. */
package cloud.hyperbyte.render;
