package dev.dunning.payments;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How debtors pay from a notice ({@code dunning.payments.*}): the deployment-wide payee and payment link, and each
 * provider's own ({@code dunning.payments.providers.<providerId>.*}). Checked by {@link Payments} at start-up.
 *
 * @param show      {@code qr}, {@code link}, {@code both} or {@code none}; unset: whatever is configured
 * @param encoding  the QR payload's encoding: {@code utf-8} (what banking apps read best), {@code windows-1251}
 *                  or {@code koi8-r}
 * @param purpose   the payment's purpose; {@code {customerId}} is replaced by the debtor's account
 * @param link      where a debtor pays online, with URL-encoded placeholders {@code {customerId}}, {@code {amount}}
 *                  ({@code 1250.50}), {@code {kopecks}} ({@code 125050}) and {@code {purpose}}
 * @param payee     the requisites in the QR code
 * @param providers each provider's own settings by provider id; what a provider leaves unset is the
 *                  deployment-wide setting, except the payee, which is given whole or not at all
 */
@ConfigurationProperties("dunning.payments")
record PaymentsProperties(
        String show,
        @DefaultValue("utf-8") String encoding,
        @DefaultValue("Оплата задолженности по лицевому счёту {customerId}") String purpose,
        String link,
        @DefaultValue Payee payee,
        Map<String, ProviderPayments> providers) {

    PaymentsProperties {
        providers = providers == null ? Map.of() : new TreeMap<>(providers);
    }

    /**
     * The payee's requisites (GOST R 56042 field in brackets).
     *
     * @param name        the payee's name (Name), at most 160 characters
     * @param personalAcc the payee's account (PersonalAcc), 20 digits
     * @param bankName    the payee's bank (BankName), at most 45 characters
     * @param bic         the bank's BIC, 9 digits
     * @param correspAcc  the bank's correspondent account (CorrespAcc), 20 digits or 0
     * @param inn         the payee's INN (PayeeINN), 10 or 12 digits, optional
     * @param kpp         the payee's KPP, 9 characters, optional
     */
    record Payee(String name, String personalAcc, String bankName, String bic, String correspAcc, String inn,
            String kpp) {

        boolean isEmpty() {
            return blank(name) && blank(personalAcc) && blank(bankName) && blank(bic) && blank(correspAcc)
                    && blank(inn) && blank(kpp);
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    record ProviderPayments(String show, String purpose, String link, @DefaultValue Payee payee) {
    }
}
