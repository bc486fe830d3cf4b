package dev.dunning.restriction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/** The signature a billing team checks: HMAC-SHA256 of "timestamp.body" with the shared secret, in hex. */
class RequestSignerTest {

    private static final String SECRET = "a-secret-shared-with-the-billing-team";
    private static final String BODY = "{\"requestId\":\"r-1\",\"action\":\"restrict\"}";
    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void theSignatureIsHmacSha256OfTheTimestampADotAndTheBody() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(
                mac.doFinal((AT.getEpochSecond() + "." + BODY).getBytes(StandardCharsets.UTF_8)));

        assertThat(RequestSigner.signature(SECRET, AT, BODY)).isEqualTo(expected);
    }

    @Test
    void aChangedBodyTimestampOrSecretNoLongerVerifies() {
        String signature = RequestSigner.signature(SECRET, AT, BODY);
        String seconds = Long.toString(AT.getEpochSecond());

        assertThat(RequestSigner.verifies(SECRET, seconds, BODY, signature)).isTrue();
        assertThat(RequestSigner.verifies(SECRET, seconds, BODY.replace("restrict", "restore"), signature)).isFalse();
        assertThat(RequestSigner.verifies(SECRET, Long.toString(AT.getEpochSecond() + 1), BODY, signature)).isFalse();
        assertThat(RequestSigner.verifies(SECRET + "x", seconds, BODY, signature)).isFalse();
        assertThat(RequestSigner.verifies(SECRET, seconds, BODY, "sha256=zz")).isFalse();
        assertThat(RequestSigner.verifies(SECRET, seconds, BODY, null)).isFalse();
    }
}
