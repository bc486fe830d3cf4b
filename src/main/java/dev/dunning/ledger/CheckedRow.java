package dev.dunning.ledger;

/** A row that passed the checks it can pass on its own, with the line it came from. */
record CheckedRow<T>(long line, T value) {
}
