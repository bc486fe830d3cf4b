package dev.dunning.installments;

import java.util.Locale;

/**
 * Where an agreement stands. It is {@code proposed} only inside the transaction that proposes it, which leaves it
 * {@code accepted} (within the standard terms) or {@code awaiting-approval}; a manager's decision makes that
 * {@code accepted} or {@code rejected}; an agreement awaiting approval or running can be {@code cancelled}.
 */
enum AgreementStatus {
    PROPOSED, AWAITING_APPROVAL, ACCEPTED, REJECTED, CANCELLED;

    String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
