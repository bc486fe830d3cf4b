package dev.dunning.documents;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.dunning.ledger.Statement;
import dev.dunning.reports.SpreadsheetText;

/**
 * The statement of account for machines, as Dunning's registries are written (UTF-8, RFC 4180, a header row, ISO
 * dates, amounts with a dot): one {@code invoice} row per invoice, one {@code payment} row per payment, and one
 * {@code allocation} row for each invoice a payment paid (its {@code id} is the payment's).
 */
final class StatementCsv {

    static final String[] HEADER = {"record", "id", "invoice_id", "contract", "service", "issued_on", "due_on",
            "paid_on", "amount", "paid", "outstanding", "status", "currency"};

    private StatementCsv() {
    }

    static void write(Statement statement, String currency, OutputStream out) {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CsvWriter csv = CsvWriter.builder().build(writer);
        csv.writeRecord(HEADER);
        for (Statement.Invoice invoice : statement.invoices()) {
            csv.writeRecord("invoice", text(invoice.invoiceId()), "", text(invoice.contract()), text(invoice.service()),
                    date(invoice.issuedOn()), date(invoice.dueOn()), "", money(invoice.amount()), money(invoice.paid()),
                    money(invoice.outstanding()), "", currency);
        }
        for (Statement.Payment payment : statement.payments()) {
            csv.writeRecord("payment", text(payment.paymentId()), text(payment.invoiceId()), "", "", "", "",
                    date(payment.paidOn()), money(payment.amount()), "", "",
                    payment.confirmed() ? "confirmed" : "unconfirmed", currency);
        }
        for (Statement.Payment payment : statement.payments()) {
            for (Statement.Allocation part : payment.paid()) {
                csv.writeRecord("allocation", text(payment.paymentId()), text(part.invoiceId()), "", "", "", "",
                        date(payment.paidOn()), money(part.amount()), "", "", "", currency);
            }
        }
        try {
            // The stream is the ZIP's: flushed, not closed, so the next entry can follow.
            csv.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Ids, contracts and services come from billing's registries; the statement is read in spreadsheets too. */
    private static String text(String value) {
        return value == null ? "" : SpreadsheetText.neutralise(value);
    }

    private static String date(LocalDate date) {
        return date == null ? "" : date.toString();
    }

    private static String money(BigDecimal amount) {
        return DocumentModels.money(amount).toPlainString();
    }
}
