package cloud.hyperbyte.testkit.kube.admission;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** What one admission step decided: store this object (with warnings), or refuse the write. */
public sealed interface AdmissionResult {

  /** Store {@code object} (possibly changed by the step); {@code warnings} go back as {@code Warning} headers. */
  record Admitted(ObjectNode object, List<String> warnings) implements AdmissionResult {
    public Admitted {
      warnings = List.copyOf(warnings);
    }
  }

  /** Refuse with an HTTP code (422 Invalid for field errors), the Status reason and the field causes. */
  record Refused(int code, String reason, List<FieldError> causes, String message) implements AdmissionResult {
    public Refused {
      causes = List.copyOf(causes);
    }
  }

  static AdmissionResult admit(ObjectNode object) {
    return new Admitted(object, List.of());
  }

  static AdmissionResult admit(ObjectNode object, List<String> warnings) {
    return new Admitted(object, warnings);
  }

  /** 422 Invalid with these causes; the message is built from them as the server builds it. */
  static AdmissionResult invalid(List<FieldError> causes) {
    return new Refused(422, "Invalid", causes, null);
  }

  /** Another refusal, e.g. 403 Forbidden from an admission plugin, with its message. */
  static AdmissionResult refuse(int code, String reason, String message) {
    return new Refused(code, reason, List.of(), message);
  }
}
