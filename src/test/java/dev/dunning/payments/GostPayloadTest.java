package dev.dunning.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import dev.dunning.payments.GostPayload.Encoding;
import dev.dunning.payments.GostPayload.Field;

/** The payment QR code's content, byte for byte, under the rules of GOST R 56042-2014. */
class GostPayloadTest {

    private static GostPayload.Builder waterCompany(Encoding encoding) {
        return GostPayload.builder(encoding)
                .set(Field.NAME, "ООО «Вода»")
                .set(Field.PERSONAL_ACC, "40702810900000000001")
                .set(Field.BANK_NAME, "ПАО Сбербанк")
                .set(Field.BIC, "044525225")
                .set(Field.CORRESP_ACC, "30101810400000000225");
    }

    private static GostPayload.Builder debtOfAccount42(Encoding encoding) {
        // Set in another order than the payload's: the standard's order is the builder's business.
        return waterCompany(encoding).set(Field.PERS_ACC, "42").set(Field.PURPOSE, "Долг по ЛС 42")
                .sum(new BigDecimal("1250.50"));
    }

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("\\s+", ""));
    }

    @Test
    void inUtf8ThePayloadIsTheHeaderWithDigit2ThenTheMandatoryBlockThenTheOtherFieldsSeparatedByBars() {
        GostPayload payload = debtOfAccount42(Encoding.UTF_8).build();

        assertThat(payload.text()).isEqualTo("ST00012|Name=ООО «Вода»|PersonalAcc=40702810900000000001"
                + "|BankName=ПАО Сбербанк|BIC=044525225|CorrespAcc=30101810400000000225|Sum=125050"
                + "|Purpose=Долг по ЛС 42|PersAcc=42");
        assertThat(payload.bytes()).isEqualTo(hex("""
                53 54 30 30 30 31 32 7c 4e 61 6d 65 3d d0 9e d0 9e d0 9e 20 c2 ab d0 92 d0 be d0 b4 d0 b0 c2 bb
                7c 50 65 72 73 6f 6e 61 6c 41 63 63 3d 34 30 37 30 32 38 31 30 39 30 30 30 30 30 30 30 30 30 30
                31 7c 42 61 6e 6b 4e 61 6d 65 3d d0 9f d0 90 d0 9e 20 d0 a1 d0 b1 d0 b5 d1 80 d0 b1 d0 b0 d0 bd
                d0 ba 7c 42 49 43 3d 30 34 34 35 32 35 32 32 35 7c 43 6f 72 72 65 73 70 41 63 63 3d 33 30 31 30
                31 38 31 30 34 30 30 30 30 30 30 30 30 32 32 35 7c 53 75 6d 3d 31 32 35 30 35 30 7c 50 75 72 70
                6f 73 65 3d d0 94 d0 be d0 bb d0 b3 20 d0 bf d0 be 20 d0 9b d0 a1 20 34 32 7c 50 65 72 73 41 63
                63 3d 34 32"""));
    }

    @Test
    void inWindows1251EachCyrillicLetterIsOneByteAndTheHeaderDigitIs1() {
        GostPayload payload = debtOfAccount42(Encoding.WINDOWS_1251).build();

        assertThat(payload.bytes()).isEqualTo(hex("""
                53 54 30 30 30 31 31 7c 4e 61 6d 65 3d ce ce ce 20 ab c2 ee e4 e0 bb 7c 50 65 72 73 6f 6e 61 6c
                41 63 63 3d 34 30 37 30 32 38 31 30 39 30 30 30 30 30 30 30 30 30 30 31 7c 42 61 6e 6b 4e 61 6d
                65 3d cf c0 ce 20 d1 e1 e5 f0 e1 e0 ed ea 7c 42 49 43 3d 30 34 34 35 32 35 32 32 35 7c 43 6f 72
                72 65 73 70 41 63 63 3d 33 30 31 30 31 38 31 30 34 30 30 30 30 30 30 30 30 32 32 35 7c 53 75 6d
                3d 31 32 35 30 35 30 7c 50 75 72 70 6f 73 65 3d c4 ee eb e3 20 ef ee 20 cb d1 20 34 32 7c 50 65
                72 73 41 63 63 3d 34 32"""));
        assertThat(GostPayload.bytesOf(payload.text())).isEqualTo(payload.bytes());
    }

    @Test
    void inKoi8rTheHeaderDigitIs3AndLettersAreKoi8Bytes() {
        GostPayload payload = GostPayload.builder(Encoding.KOI8_R).set(Field.NAME, "Вода")
                .set(Field.PERSONAL_ACC, "40702810900000000001").set(Field.BANK_NAME, "Банк")
                .set(Field.BIC, "044525225").set(Field.CORRESP_ACC, "0").build();

        assertThat(payload.text()).isEqualTo("ST00013|Name=Вода|PersonalAcc=40702810900000000001|BankName=Банк"
                + "|BIC=044525225|CorrespAcc=0");
        // В о д а and Б а н к in KOI8-R
        assertThat(payload.bytes()).startsWith(hex("53 54 30 30 30 31 33 7c 4e 61 6d 65 3d f7 cf c4 c1 7c"))
                .endsWith(hex("3d e2 c1 ce cb 7c 42 49 43 3d 30 34 34 35 32 35 32 32 35 7c 43 6f 72 72 65 73 70 41 63 63 3d 30"));
    }

    @Test
    void aLetterAnEncodingCannotWriteIsRefusedNamingTheFieldNotTheValue() {
        assertThatThrownBy(() -> waterCompany(Encoding.KOI8_R).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Name has a character that koi8-r cannot write; choose another encoding "
                        + "(dunning.payments.encoding) or change the value");
    }

    @Test
    void aValueWithABarMakesThePayloadChooseTheNextFreeSeparator() {
        GostPayload withBar = waterCompany(Encoding.UTF_8).set(Field.PURPOSE, "Долг | пени").build();
        assertThat(withBar.separator()).isEqualTo('#');
        assertThat(withBar.text()).startsWith("ST00012#Name=ООО «Вода»#PersonalAcc=").endsWith("#Purpose=Долг | пени");

        GostPayload withBarAndHash = waterCompany(Encoding.UTF_8).set(Field.PURPOSE, "Счёт #7 | пени").build();
        assertThat(withBarAndHash.separator()).isEqualTo(';');
        assertThat(withBarAndHash.text()).startsWith("ST00012;Name=");
    }

    @Test
    void valuesHoldingEverySeparatorAreRefused() {
        assertThatThrownBy(() -> waterCompany(Encoding.UTF_8).set(Field.PURPOSE, "a|b#c;d^e~f").build())
                .hasMessage("every separator the payload may use (|#;^~) occurs in its values; remove one of them "
                        + "from the requisites or the purpose");
    }

    @Test
    void eachMandatoryFieldMustBeGiven() {
        assertThatThrownBy(() -> GostPayload.builder(Encoding.UTF_8).set(Field.NAME, "Вода").build())
                .hasMessage("PersonalAcc is mandatory in a GOST R 56042 payload");
        assertThatThrownBy(() -> waterCompany(Encoding.UTF_8).set(Field.CORRESP_ACC, null).build())
                .hasMessage("CorrespAcc is mandatory in a GOST R 56042 payload");
    }

    @Test
    void theNameHasAtMost160CharactersAndTheBankNameAtMost45() {
        assertThat(Field.NAME.problem("Я".repeat(160))).isEmpty();
        assertThat(Field.NAME.problem("Я".repeat(161)))
                .hasValue("Name has 161 characters; the standard allows at most 160");
        assertThat(Field.BANK_NAME.problem("Б".repeat(45))).isEmpty();
        assertThat(Field.BANK_NAME.problem("Б".repeat(46)))
                .hasValue("BankName has 46 characters; the standard allows at most 45");
    }

    @Test
    void thePayeesAccountIs20DigitsAndTheBicIs9() {
        assertThat(Field.PERSONAL_ACC.problem("40702810900000000001")).isEmpty();
        assertThat(Field.PERSONAL_ACC.problem("4070281090000000001")).hasValue("PersonalAcc must be 20 digits");
        assertThat(Field.PERSONAL_ACC.problem("4070281090000000000A")).hasValue("PersonalAcc must be 20 digits");
        assertThat(Field.BIC.problem("044525225")).isEmpty();
        assertThat(Field.BIC.problem("04452522")).hasValue("BIC must be 9 digits");
    }

    @Test
    void theCorrespondentAccountIs20DigitsOr0WhenTheBankHasNone() {
        assertThat(Field.CORRESP_ACC.problem("30101810400000000225")).isEmpty();
        assertThat(Field.CORRESP_ACC.problem("0")).isEmpty();
        assertThat(Field.CORRESP_ACC.problem("301018104000000002251"))
                .hasValue("CorrespAcc must be 20 digits, or 0 when the bank has no correspondent account");
    }

    @Test
    void thePayeesInnIs10Or12DigitsAndTheKpp9Characters() {
        assertThat(Field.PAYEE_INN.problem("7707083893")).isEmpty();
        assertThat(Field.PAYEE_INN.problem("770708389312")).isEmpty();
        assertThat(Field.PAYEE_INN.problem("77070838931"))
                .hasValue("PayeeINN must be 10 digits (an organisation) or 12 (a person)");
        assertThat(Field.KPP.problem("773601001")).isEmpty();
        assertThat(Field.KPP.problem("7736AB001")).isEmpty();
        assertThat(Field.KPP.problem("77360100"))
                .hasValue("KPP must be 9 characters: 4 digits, 2 digits or capital Latin letters, 3 digits");
    }

    @Test
    void theSumIsInKopecksWithAtMost18Digits() {
        assertThat(GostPayload.kopecks(new BigDecimal("1250.50"))).isEqualTo("125050");
        assertThat(GostPayload.kopecks(new BigDecimal("7"))).isEqualTo("700");
        assertThat(GostPayload.kopecks(new BigDecimal("0.05"))).isEqualTo("5");
        assertThat(Field.SUM.problem("9".repeat(18))).isEmpty();
        assertThat(Field.SUM.problem("9".repeat(19))).hasValue("Sum must be an amount in kopecks of at most 18 digits");
        assertThatThrownBy(() -> GostPayload.kopecks(new BigDecimal("10.005")))
                .hasMessage("Sum has a fraction of a kopeck; amounts have at most 2 decimals");
        assertThatThrownBy(() -> GostPayload.kopecks(new BigDecimal("-1.00"))).hasMessage("Sum must not be negative");
    }

    @Test
    void thePurposeHasAtMost210Characters() {
        assertThat(Field.PURPOSE.problem("П".repeat(210))).isEmpty();
        assertThatThrownBy(() -> waterCompany(Encoding.UTF_8).set(Field.PURPOSE, "П".repeat(211)).build())
                .hasMessage("Purpose has 211 characters; the standard allows at most 210");
    }

    @Test
    void aValueIsOneLineWithoutSurroundingSpaces() {
        assertThat(Field.PAYER_ADDRESS.problem("ул. Ленина, 1\nкв. 5"))
                .hasValue("PayerAddress contains a line break or another control character");
        assertThat(Field.LAST_NAME.problem(" Петров")).hasValue("LastName starts or ends with spaces");
    }

    @Test
    void optionalFieldsLeftBlankAreLeftOutAndThePayersFieldsFollowTheAdditionalOnes() {
        GostPayload payload = waterCompany(Encoding.UTF_8).set(Field.PURPOSE, " ").set(Field.PERS_ACC, "42")
                .set(Field.LAST_NAME, "Петров").set(Field.FIRST_NAME, "Иван").set(Field.PAYEE_INN, "7707083893")
                .set(Field.KPP, "773601001").build();

        assertThat(payload.text()).endsWith("|CorrespAcc=30101810400000000225|PayeeINN=7707083893|KPP=773601001"
                + "|LastName=Петров|FirstName=Иван|PersAcc=42");
    }

    @Test
    void aPayloadPrintedInALogShowsNoneOfItsContent() {
        assertThat(debtOfAccount42(Encoding.UTF_8).build().toString())
                .isEqualTo("GostPayload[utf-8, 168 characters]").doesNotContain("42");
    }

    @Test
    void textWithoutTheStandardsHeaderHasNoBytes() {
        assertThatThrownBy(() -> GostPayload.bytesOf("Name=Вода"))
                .hasMessage("a GOST R 56042 payload starts with ST0001, the encoding digit and the separator");
        assertThatThrownBy(() -> GostPayload.bytesOf("ST00019|Name=Вода"))
                .hasMessage("a GOST R 56042 payload's encoding digit is 1, 2 or 3");
    }
}
