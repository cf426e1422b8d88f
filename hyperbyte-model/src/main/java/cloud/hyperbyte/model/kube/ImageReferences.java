package cloud.hyperbyte.model.kube;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Container image references in the grammar of {@code github.com/distribution/reference} (what the
 * kubelet parses; anything else ends as {@code InvalidImageName} and the pod never starts):
 * {@code [domain[:port]/]path[:tag][@digest]} with lowercase path components.
 */
public final class ImageReferences {

  /** {@code NameTotalLengthMax}. */
  public static final int NAME_MAX_LENGTH = 255;

  private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*"
      + "|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?";
  private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
  private static final String NAME = "(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
  private static final Pattern REFERENCE =
      Pattern.compile("^(" + NAME + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?$");
  private static final Pattern TAG_ONLY = Pattern.compile("^" + TAG + "$");

  private ImageReferences() {}

  /** Why {@code image} is not an image reference, or empty. */
  public static Optional<String> check(String image) {
    if (image == null || image.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (!image.equals(image.strip())) {
      return Optional.of("must not have leading or trailing whitespace");
    }
    var matcher = REFERENCE.matcher(image);
    if (!matcher.matches()) {
      return Optional.of("\"" + image + "\" is not an image reference such as ghcr.io/org/image:1.2.3 (lowercase"
          + " repository path, optional registry host and port, tag and @sha256 digest)");
    }
    if (matcher.group(1).length() > NAME_MAX_LENGTH) {
      return Optional.of("the repository name must be no more than " + NAME_MAX_LENGTH + " characters");
    }
    return Optional.empty();
  }

  /** Why {@code tag} is not an image tag ({@code [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}}), or empty. */
  public static Optional<String> tag(String tag) {
    if (tag == null || !TAG_ONLY.matcher(tag).matches()) {
      return Optional.of("\"" + tag + "\" is not an image tag: letters, digits, '_', '.' and '-', at most 128,"
          + " not starting with '.' or '-'");
    }
    return Optional.empty();
  }
}
