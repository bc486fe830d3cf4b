package dev.dunning.ledger;

/** A customer as the billing registry describes them. Contact fields are personal data: never log them. */
public record Customer(
        String customerId,
        String name,
        String group,
        String email,
        String phone,
        String telegramChatId,
        String locale,
        String timeZone,
        String plan,
        String address,
        String building) {
}
