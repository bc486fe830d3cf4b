package dev.dunning.cases;

/** Where a case is in its life; stored in lower case. */
enum CaseStatus {
    OPEN, SUSPENDED, SETTLED, CLOSED;

    String code() {
        return name().toLowerCase();
    }
}
