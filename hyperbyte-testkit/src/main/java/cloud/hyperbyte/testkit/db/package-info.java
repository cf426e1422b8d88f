/**
 * Simulated HyperbyteDB 0.8.5 members for tests and embedders: in-process HTTP servers following
 * {@code database-contract.md} (§2 membership, §3 routes, §4 state machine), a shared Raft truth per
 * group, an injectable clock, and fault injection (crash, restart with or without the volume,
 * partition, slow or stuck drain, latency, health faults, auth).
 */
package cloud.hyperbyte.testkit.db;
