package dev.dunning.ledger;

import java.time.LocalDate;

/** Published after the debt picture was rebuilt (and committed) for this business day: summaries of it may follow. */
public record DebtPictureRebuilt(LocalDate asOf) {
}
