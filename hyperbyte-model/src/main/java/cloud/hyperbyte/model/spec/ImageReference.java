package cloud.hyperbyte.model.spec;

/** Resolves an image reference from a repository-or-reference and a version tag. */
public final class ImageReference {

  private ImageReference() {}

  /** {@code version} without a leading {@code v}, e.g. {@code v0.8.5} → {@code 0.8.5}. */
  public static String normalizeVersion(String version) {
    String trimmed = version.trim();
    return trimmed.startsWith("v") ? trimmed.substring(1) : trimmed;
  }

  /** Whether {@code image} already names a tag or a digest. */
  public static boolean hasTagOrDigest(String image) {
    int slash = image.lastIndexOf('/');
    return image.contains("@") || image.substring(slash + 1).contains(":");
  }

  /**
   * {@code image} as given when it carries a tag or digest, else {@code image:version}. Unlike the
   * Go operator there is no {@code latest} fallback: a mutable tag would roll members by surprise.
   */
  public static String resolve(String image, String version) {
    return hasTagOrDigest(image) ? image : image + ":" + normalizeVersion(version);
  }
}
