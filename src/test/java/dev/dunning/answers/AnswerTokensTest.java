package dev.dunning.answers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class AnswerTokensTest {

    private static final byte[] KEY = "a test key of at least thirty-two characters".getBytes(StandardCharsets.UTF_8);
    private static final Instant EXPIRY = Instant.parse("2026-04-01T05:00:00Z");

    private final AnswerTokens tokens = new AnswerTokens(KEY);
    private final String noticeId = UUID.randomUUID().toString();
    private final String caseId = UUID.randomUUID().toString();

    private AnswerToken confirm() {
        return new AnswerToken(noticeId, "C-1001", caseId, DebtorAction.CONFIRM, "email", EXPIRY);
    }

    @Test
    void aSignedTokenReadsBackWithEveryPart() {
        assertThat(tokens.read(tokens.sign(confirm()))).isEqualTo(confirm());

        AnswerToken unsubscribe = new AnswerToken("notice-7", "клиент 42", null, DebtorAction.UNSUBSCRIBE, "sms", EXPIRY);
        assertThat(tokens.read(tokens.sign(unsubscribe))).isEqualTo(unsubscribe);
    }

    @Test
    void aTokenIsUrlSafeAndShortEnoughForAnSms() {
        String token = tokens.sign(confirm());

        assertThat(token).matches("[A-Za-z0-9_-]+").hasSizeLessThanOrEqualTo(100);
    }

    @Test
    void changingAnyByteOfTheTokenMakesItUnusable() {
        byte[] signed = Base64.getUrlDecoder().decode(tokens.sign(confirm()));
        // Version, action, expiry, each id and the signature itself: one flipped bit anywhere is refused.
        for (int i = 0; i < signed.length; i++) {
            byte[] tampered = signed.clone();
            tampered[i] ^= 0x01;
            String text = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            assertThatThrownBy(() -> tokens.read(text)).as("byte %d changed", i)
                    .isInstanceOf(AnswerTokens.InvalidTokenException.class);
        }
    }

    @Test
    void aTokenForAnotherActionOrCustomerCannotBeMadeFromAValidOne() {
        String confirm = tokens.sign(confirm());
        String dispute = tokens.sign(new AnswerToken(noticeId, "C-1001", caseId, DebtorAction.DISPUTE, "email", EXPIRY));
        byte[] confirmBytes = Base64.getUrlDecoder().decode(confirm);
        byte[] disputeBytes = Base64.getUrlDecoder().decode(dispute);
        // The dispute's payload with the confirm link's signature.
        byte[] spliced = disputeBytes.clone();
        System.arraycopy(confirmBytes, confirmBytes.length - AnswerTokens.MAC_BYTES, spliced,
                spliced.length - AnswerTokens.MAC_BYTES, AnswerTokens.MAC_BYTES);

        assertThatThrownBy(() -> tokens.read(Base64.getUrlEncoder().withoutPadding().encodeToString(spliced)))
                .isInstanceOf(AnswerTokens.InvalidTokenException.class);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        String foreign = new AnswerTokens("another key of at least thirty-two characters".getBytes(StandardCharsets.UTF_8))
                .sign(confirm());

        assertThatThrownBy(() -> tokens.read(foreign)).isInstanceOf(AnswerTokens.InvalidTokenException.class);
    }

    @Test
    void cutPaddedRespelledOrForeignTextIsRefused() {
        String token = tokens.sign(confirm());
        for (String bad : new String[] {"", "x", token.substring(0, token.length() - 1), token + "A", token + "=",
                "+" + token.substring(1), "not a token at all", "%2F..%2F", "A".repeat(1000)}) {
            assertThatThrownBy(() -> tokens.read(bad)).as(bad).isInstanceOf(AnswerTokens.InvalidTokenException.class);
        }
        assertThatThrownBy(() -> tokens.read(null)).isInstanceOf(AnswerTokens.InvalidTokenException.class);
    }

    @Test
    void theLastCharacterSpelledWithOtherUnusedBitsIsRefused() {
        String token = tokens.sign(confirm());
        char last = token.charAt(token.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (char other : alphabet.toCharArray()) {
            String respelled = token.substring(0, token.length() - 1) + other;
            if (other != last) {
                assertThatThrownBy(() -> tokens.read(respelled)).as("last character %s", other)
                        .isInstanceOf(AnswerTokens.InvalidTokenException.class);
            }
        }
    }

    @Test
    void aLinkExpiresOnceBusinessTimeHasPassedItsExpiry() {
        AnswerToken token = confirm();

        assertThat(token.expiredAt(EXPIRY.minusSeconds(1))).isFalse();
        assertThat(token.expiredAt(EXPIRY)).isFalse();
        assertThat(token.expiredAt(EXPIRY.plusSeconds(1))).isTrue();
    }

    @Test
    void theUsedLinkIdIsTheSignatureAndDiffersPerLink() {
        String confirm = tokens.sign(confirm());
        String postpone = tokens.sign(new AnswerToken(noticeId, "C-1001", caseId, DebtorAction.POSTPONE, "email", EXPIRY));

        assertThat(AnswerTokens.idOf(confirm)).hasSize(22).isEqualTo(AnswerTokens.idOf(confirm))
                .isNotEqualTo(AnswerTokens.idOf(postpone));
    }

    @Test
    void onlyAnUnsubscribeLinkMayHaveNoCase() {
        assertThatThrownBy(() -> new AnswerToken(noticeId, "C-1", null, DebtorAction.CONFIRM, "email", EXPIRY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs the notice's case");
    }
}
