/** The database StatefulSet and its pod: start script, probes, preStop drain, termination budget and secure defaults. */
package cloud.hyperbyte.render.workload;
