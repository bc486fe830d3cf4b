package dev.dunning.documents;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the lawyers' documents ({@code dunning.documents.*}).
 *
 * @param daysToPay the days a pre-trial claim gives the debtor to pay or answer, given to its template as
 *                  {@code daysToPay}; Russian practice is 30 unless the contract says otherwise
 */
@ConfigurationProperties("dunning.documents")
record DocumentsProperties(@DefaultValue("30") int daysToPay) {

    DocumentsProperties {
        if (daysToPay < 1 || daysToPay > 365) {
            throw new IllegalArgumentException("dunning.documents.days-to-pay must be 1 to 365, not " + daysToPay);
        }
    }
}
