package dev.dunning.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.dunning.providers.Providers;

/** Payment settings as a deployment writes them: checked at start-up, per provider with the default behind. */
class PaymentsTest {

    @Configuration
    @ConfigurationPropertiesScan({"dev.dunning.payments", "dev.dunning.providers"})
    @Import({Payments.class, Providers.class})
    static class PaymentsOnly {
    }

    private static final String[] WATER_COMPANY = {
            "dunning.payments.payee.name=ООО «Вода»",
            "dunning.payments.payee.personal-acc=40702810900000000001",
            "dunning.payments.payee.bank-name=ПАО Сбербанк",
            "dunning.payments.payee.bic=044525225",
            "dunning.payments.payee.corresp-acc=30101810400000000225",
            "dunning.payments.payee.inn=7707083893",
            "dunning.payments.payee.kpp=773601001"};

    private static final String[] HEATING_PROVIDER = {
            "dunning.providers.list.heat.name=Теплосеть",
            "dunning.providers.list.heat.services=heating",
            "dunning.providers.list.water.name=Водоканал",
            "dunning.providers.list.water.services=water"};

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(PaymentsOnly.class);

    private static String[] settings(String[]... groups) {
        List<String> all = new ArrayList<>();
        for (String[] group : groups) {
            all.addAll(List.of(group));
        }
        return all.toArray(String[]::new);
    }

    private void run(String[] settings, Consumer<Payments> check) {
        runner.withPropertyValues(settings).run(context -> {
            assertThat(context).hasNotFailed();
            check.accept(context.getBean(Payments.class));
        });
    }

    private void startUpFails(String[] settings, String message) {
        runner.withPropertyValues(settings).run((AssertableApplicationContext context) -> {
            assertThat(context).hasFailed();
            Throwable cause = context.getStartupFailure();
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            assertThat(cause).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        });
    }

    @Test
    void withNothingConfiguredANoticeOffersNoWayToPay() {
        run(new String[0], payments -> {
            assertThat(payments.offer("C-1", null, new BigDecimal("100.00"))).isEmpty();
            assertThat(payments.offersAnything()).isFalse();
        });
        run(settings(WATER_COMPANY, new String[] {"dunning.payments.show=none"}),
                payments -> assertThat(payments.offersAnything()).isFalse());
        run(settings(HEATING_PROVIDER, new String[] {"dunning.payments.providers.heat.link=https://heat.example.ru/"}),
                payments -> {
                    assertThat(payments.offersAnything()).isTrue();
                    assertThat(payments.offer("C-1", null, BigDecimal.TEN)).isEmpty();
                    assertThat(payments.offer("C-1", "heat", BigDecimal.TEN).orElseThrow().link())
                            .isEqualTo("https://heat.example.ru/");
                });
    }

    @Test
    void thePayeesRequisitesMakeAQrCodeForTheAmountDueWithTheDebtorsAccountAndTheDefaultPurpose() {
        run(WATER_COMPANY, payments -> {
            PaymentOffer offer = payments.offer("C-1001", null, new BigDecimal("1250.5")).orElseThrow();

            assertThat(offer.amount()).isEqualByComparingTo("1250.50");
            assertThat(offer.purpose()).isEqualTo("Оплата задолженности по лицевому счёту C-1001");
            assertThat(offer.payeeName()).isEqualTo("ООО «Вода»");
            assertThat(offer.link()).isNull();
            assertThat(offer.qrPayload()).isEqualTo("ST00012|Name=ООО «Вода»|PersonalAcc=40702810900000000001"
                    + "|BankName=ПАО Сбербанк|BIC=044525225|CorrespAcc=30101810400000000225|Sum=125050"
                    + "|Purpose=Оплата задолженности по лицевому счёту C-1001|PayeeINN=7707083893|KPP=773601001"
                    + "|PersAcc=C-1001");
        });
    }

    @Test
    void theLinkGetsItsPlaceholdersUrlEncoded() {
        run(new String[] {"dunning.payments.link=https://pay.example.ru/?account={customerId}&sum={amount}"
                + "&k={kopecks}&purpose={purpose}"}, payments -> {
                    PaymentOffer offer = payments.offer("Л/С 7&8", null, new BigDecimal("99.90")).orElseThrow();

                    assertThat(offer.link()).isEqualTo("https://pay.example.ru/?account=%D0%9B%2F%D0%A1%207%268"
                            + "&sum=99.90&k=9990&purpose=%D0%9E%D0%BF%D0%BB%D0%B0%D1%82%D0%B0%20%D0%B7%D0%B0%D0%B4"
                            + "%D0%BE%D0%BB%D0%B6%D0%B5%D0%BD%D0%BD%D0%BE%D1%81%D1%82%D0%B8%20%D0%BF%D0%BE%20%D0%BB"
                            + "%D0%B8%D1%86%D0%B5%D0%B2%D0%BE%D0%BC%D1%83%20%D1%81%D1%87%D1%91%D1%82%D1%83%20%D0%9B"
                            + "%2F%D0%A1%207%268");
                    assertThat(offer.hasQrCode()).isFalse();
                });
    }

    @Test
    void showChoosesQrLinkBothOrNone() {
        String link = "dunning.payments.link=https://pay.example.ru/{customerId}";
        run(settings(WATER_COMPANY, new String[] {link}), payments -> {
            PaymentOffer both = payments.offer("C-1", null, BigDecimal.TEN).orElseThrow();
            assertThat(both.hasQrCode()).isTrue();
            assertThat(both.link()).isEqualTo("https://pay.example.ru/C-1");
        });
        run(settings(WATER_COMPANY, new String[] {link, "dunning.payments.show=link"}),
                payments -> assertThat(payments.offer("C-1", null, BigDecimal.TEN).orElseThrow().hasQrCode()).isFalse());
        run(settings(WATER_COMPANY, new String[] {link, "dunning.payments.show=qr"}),
                payments -> assertThat(payments.offer("C-1", null, BigDecimal.TEN).orElseThrow().link()).isNull());
        run(settings(WATER_COMPANY, new String[] {link, "dunning.payments.show=none"}),
                payments -> assertThat(payments.offer("C-1", null, BigDecimal.TEN)).isEmpty());
    }

    @Test
    void nothingIsOfferedWhenNothingIsDue() {
        run(WATER_COMPANY, payments -> {
            assertThat(payments.offer("C-1", null, BigDecimal.ZERO)).isEmpty();
            assertThat(payments.offer("C-1", null, new BigDecimal("-5.00"))).isEmpty();
            assertThat(payments.offer("C-1", null, null)).isEmpty();
        });
    }

    @Test
    void aProvidersCaseIsPaidToTheProvidersPayeeAndOtherCasesToTheDeploymentsPayee() {
        run(settings(WATER_COMPANY, HEATING_PROVIDER, new String[] {
                "dunning.payments.providers.heat.payee.name=АО «Теплосеть»",
                "dunning.payments.providers.heat.payee.personal-acc=40702810000000000777",
                "dunning.payments.providers.heat.payee.bank-name=Банк ВТБ (ПАО)",
                "dunning.payments.providers.heat.payee.bic=044525187",
                "dunning.payments.providers.heat.payee.corresp-acc=30101810700000000187",
                "dunning.payments.providers.heat.purpose=Оплата отопления, лицевой счёт {customerId}",
                "dunning.payments.providers.heat.link=https://heat.example.ru/pay?ls={customerId}"}), payments -> {
                    PaymentOffer heat = payments.offer("C-7", "heat", new BigDecimal("10.00")).orElseThrow();
                    assertThat(heat.qrPayload()).isEqualTo("ST00012|Name=АО «Теплосеть»|PersonalAcc=40702810000000000777"
                            + "|BankName=Банк ВТБ (ПАО)|BIC=044525187|CorrespAcc=30101810700000000187|Sum=1000"
                            + "|Purpose=Оплата отопления, лицевой счёт C-7|PersAcc=C-7");
                    assertThat(heat.link()).isEqualTo("https://heat.example.ru/pay?ls=C-7");

                    PaymentOffer water = payments.offer("C-7", "water", new BigDecimal("10.00")).orElseThrow();
                    assertThat(water.qrPayload()).startsWith("ST00012|Name=ООО «Вода»|");
                    assertThat(water.link()).isNull();
                    assertThat(payments.offer("C-7", null, new BigDecimal("10.00")).orElseThrow().qrPayload())
                            .isEqualTo(water.qrPayload());
                });
    }

    @Test
    void aProviderMayShowOnlyTheLinkWhileTheDeploymentShowsTheQrCode() {
        run(settings(WATER_COMPANY, HEATING_PROVIDER, new String[] {
                "dunning.payments.link=https://pay.example.ru/{customerId}",
                "dunning.payments.providers.heat.show=link"}), payments -> {
                    PaymentOffer heat = payments.offer("C-7", "heat", BigDecimal.ONE).orElseThrow();
                    assertThat(heat.hasQrCode()).isFalse();
                    assertThat(heat.link()).isEqualTo("https://pay.example.ru/C-7");
                    assertThat(payments.offer("C-7", "water", BigDecimal.ONE).orElseThrow().hasQrCode()).isTrue();
                });
    }

    @Test
    void windows1251PayloadsSayEncoding1InTheirHeader() {
        run(settings(WATER_COMPANY, new String[] {"dunning.payments.encoding=windows-1251"}), payments -> {
            String payload = payments.offer("C-1", null, BigDecimal.ONE).orElseThrow().qrPayload();
            assertThat(payload).startsWith("ST00011|Name=");
            assertThat(GostPayload.bytesOf(payload)).isEqualTo(payload.getBytes(java.nio.charset.Charset.forName("windows-1251")));
        });
    }

    @Test
    void aPurposeTooLongWithThisDebtorsAccountLeavesTheQrCodeOutButKeepsTheLink() {
        run(settings(WATER_COMPANY, new String[] {
                "dunning.payments.purpose=" + "П".repeat(200) + " {customerId}",
                "dunning.payments.link=https://pay.example.ru/{customerId}"}), payments -> {
                    assertThat(payments.offer("C-1", null, BigDecimal.ONE).orElseThrow().hasQrCode()).isTrue();
                    PaymentOffer longAccount = payments.offer("ACCOUNT-0123456789", null, BigDecimal.ONE).orElseThrow();
                    assertThat(longAccount.hasQrCode()).isFalse();
                    assertThat(longAccount.link()).isEqualTo("https://pay.example.ru/ACCOUNT-0123456789");
                });
    }

    @Test
    void aWrongRequisiteStopsTheStartNamingTheSetting() {
        String[] settings = settings(WATER_COMPANY, new String[] {"dunning.payments.payee.bic=04452522"});
        startUpFails(settings, "dunning.payments.payee.bic: BIC must be 9 digits, not '04452522'");
        startUpFails(settings(WATER_COMPANY, new String[] {"dunning.payments.payee.personal-acc=4070 2810 9000 0000 0001"}),
                "dunning.payments.payee.personal-acc: PersonalAcc must be 20 digits, not '4070 2810 9000 0000 0001'");
        startUpFails(settings(WATER_COMPANY, new String[] {"dunning.payments.payee.inn=12345"}),
                "dunning.payments.payee.inn: PayeeINN must be 10 digits (an organisation) or 12 (a person), not '12345'");
        startUpFails(settings(WATER_COMPANY, new String[] {"dunning.payments.payee.bank-name=" + "Б".repeat(46)}),
                "dunning.payments.payee.bank-name: BankName has 46 characters; the standard allows at most 45, not '"
                        + "Б".repeat(46) + "'");
    }

    @Test
    void aMissingMandatoryRequisiteStopsTheStart() {
        startUpFails(new String[] {"dunning.payments.payee.name=ООО «Вода»"},
                "dunning.payments.payee.personal-acc is missing: the QR code's PersonalAcc is mandatory (GOST R 56042-2014)");
    }

    @Test
    void aPayeeNameTheEncodingCannotWriteStopsTheStart() {
        startUpFails(settings(WATER_COMPANY, new String[] {"dunning.payments.encoding=koi8-r"}),
                "dunning.payments.payee with dunning.payments.encoding=koi8-r and the purpose: Name has a character "
                        + "that koi8-r cannot write; choose another encoding (dunning.payments.encoding) or change the value");
    }

    @Test
    void badSettingsBeyondTheRequisitesStopTheStartNamingTheSetting() {
        startUpFails(new String[] {"dunning.payments.encoding=cp866"},
                "dunning.payments.encoding must be utf-8, windows-1251 or koi8-r, not 'cp866'");
        startUpFails(new String[] {"dunning.payments.show=sms"},
                "dunning.payments.show must be qr, link, both or none, not 'sms'");
        startUpFails(new String[] {"dunning.payments.show=qr"},
                "dunning.payments.show=qr needs the payee's requisites for the QR code (dunning.payments.payee.name, "
                        + ".personal-acc, .bank-name, .bic, .corresp-acc)");
        startUpFails(new String[] {"dunning.payments.show=both", "dunning.payments.link=https://pay.example.ru/"},
                "dunning.payments.show=both needs the payee's requisites for the QR code (dunning.payments.payee.name, "
                        + ".personal-acc, .bank-name, .bic, .corresp-acc)");
        startUpFails(new String[] {"dunning.payments.show=link"},
                "dunning.payments.show=link needs a payment link (dunning.payments.link)");
        startUpFails(new String[] {"dunning.payments.link=pay.example.ru/{customerId}"},
                "dunning.payments.link must be an http(s) address without spaces, not 'pay.example.ru/{customerId}'");
        startUpFails(new String[] {"dunning.payments.link=https://pay.example.ru/?id={customer}"},
                "dunning.payments.link has the unknown placeholder {customer}; it may use {customerId}, {amount}, "
                        + "{kopecks} and {purpose}");
        startUpFails(new String[] {"dunning.payments.purpose=Долг {caseId}"},
                "dunning.payments.purpose has the unknown placeholder {caseId}; it may use {customerId}");
        startUpFails(new String[] {"dunning.payments.purpose=" + "П".repeat(211)},
                "dunning.payments.purpose: Purpose has 211 characters; the standard allows at most 210");
    }

    @Test
    void settingsForAnUnknownProviderStopTheStart() {
        startUpFails(settings(HEATING_PROVIDER, new String[] {"dunning.payments.providers.gas.link=https://gas.example.ru/"}),
                "dunning.payments.providers.gas: there is no provider 'gas' in dunning.providers.list (known: [heat, water])");
    }

    @Test
    void aProvidersOwnRequisitesAreCheckedUnderItsOwnSettingNames() {
        startUpFails(settings(HEATING_PROVIDER, new String[] {"dunning.payments.providers.heat.payee.name=АО «Теплосеть»"}),
                "dunning.payments.providers.heat.payee.personal-acc is missing: the QR code's PersonalAcc is mandatory "
                        + "(GOST R 56042-2014)");
    }

    @Test
    void qrCodesNeedRoubles() {
        startUpFails(settings(WATER_COMPANY, new String[] {"dunning.ledger.currency=EUR"}),
                "dunning.payments.payee: GOST R 56042 QR codes are for payments in roubles, and dunning.ledger.currency is EUR");
    }
}
