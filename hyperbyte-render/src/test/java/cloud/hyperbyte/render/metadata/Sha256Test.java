package cloud.hyperbyte.render.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sha256 gives the JDK's SHA-256: for the standard's examples, every length around the block and padding boundaries, and long inputs. */
class Sha256Test {

  private static final long SEED = 20261208L;

  private static byte[] jdk(byte[] message) throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(message);
  }

  @Test
  void givenTheStandardsExamplesExpectTheirDigests() {
    assertThat(HexFormat.of().formatHex(Sha256.digest(new byte[0])))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(HexFormat.of().formatHex(Sha256.digest("abc".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(HexFormat.of().formatHex(Sha256.digest(
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  }

  @Test
  void givenRandomBytesOfEveryLengthUpToFiveBlocksExpectTheJdksDigest() throws NoSuchAlgorithmException {
    Random random = new Random(SEED);
    for (int length = 0; length <= 320; length++) {
      byte[] message = new byte[length];
      random.nextBytes(message);

      assertThat(Sha256.digest(message)).as("length %d", length).isEqualTo(jdk(message));
    }
  }

  @Test
  void givenLongInputsExpectTheJdksDigest() throws NoSuchAlgorithmException {
    Random random = new Random(SEED);
    for (int length : new int[] {1_000, 4_095, 4_096, 65_536, 1_000_003}) {
      byte[] message = new byte[length];
      random.nextBytes(message);

      assertThat(Sha256.digest(message)).as("length %d", length).isEqualTo(jdk(message));
    }
  }

  @Test
  void givenTextExpectTheFirstSixteenHexCharactersOfTheJdksDigestOfItsUtf8() throws NoSuchAlgorithmException {
    String text = "[server]\nname = \"db-0\" # é ✓\n";

    assertThat(ShortHash.of(text))
        .isEqualTo(HexFormat.of().formatHex(jdk(text.getBytes(StandardCharsets.UTF_8))).substring(0, ShortHash.LENGTH));
  }
}
