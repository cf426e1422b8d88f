package cloud.hyperbyte.testkit.kube.admission;

/** The kind of write being admitted. */
public enum Operation {
  CREATE,
  UPDATE
}
