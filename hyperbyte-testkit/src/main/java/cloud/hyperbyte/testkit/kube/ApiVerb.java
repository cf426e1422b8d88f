package cloud.hyperbyte.testkit.kube;

/** The Kubernetes API verbs (as in RBAC), derived from the HTTP method and path of a request. */
public enum ApiVerb {
  GET, LIST, WATCH, CREATE, UPDATE, PATCH, DELETE, DELETECOLLECTION;

  /** Whether the verb changes stored objects. */
  public boolean isWrite() {
    return this == CREATE || this == UPDATE || this == PATCH || this == DELETE || this == DELETECOLLECTION;
  }
}
