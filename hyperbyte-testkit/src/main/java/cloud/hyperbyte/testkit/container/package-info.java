/**
 * What runs inside simulated containers besides the server process: the mounts a container sees
 * ({@link cloud.hyperbyte.testkit.container.ContainerFiles}), the HyperbyteDB image's userland as a
 * small shell ({@link cloud.hyperbyte.testkit.container.ImageShell}: {@code sh -c}, {@code tar},
 * {@code rm}, {@code mkdir}, {@code test}, {@code echo} and the {@code hyperbytedb backup|restore}
 * CLI against simulated member volumes), and the hook for other images' programs
 * ({@link cloud.hyperbyte.testkit.container.ContainerProgram}).
 */
package cloud.hyperbyte.testkit.container;
