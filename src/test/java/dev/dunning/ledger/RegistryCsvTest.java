package dev.dunning.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** How a registry file is read: header, encodings, quoting, and the ways a file can be broken. */
class RegistryCsvTest {

    private static final List<String> INVOICE_COLUMNS = List.of("invoice_id", "customer_id", "due_on", "amount");

    @Test
    void columnsMayComeInAnyOrderWithUnknownOnesIgnored() {
        List<RegistryCsv.Row> rows = rows("""
                amount,note,due_on,customer_id,invoice_id
                100.00,first,2026-01-31,C-1,INV-1
                """);

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.line()).isEqualTo(2);
            assertThat(row.value("invoice_id")).isEqualTo("INV-1");
            assertThat(row.value("amount")).isEqualTo("100.00");
            assertThat(row.value("contract")).isNull();
        });
    }

    @Test
    void aByteOrderMarkAndHeaderCaseAndBlanksAreTolerated() {
        List<RegistryCsv.Row> rows = rows("\uFEFF Invoice_ID ,CUSTOMER_ID,due_on,amount\r\nINV-1,C-1,2026-01-31,100.00\r\n");

        assertThat(rows).singleElement().satisfies(row -> assertThat(row.value("invoice_id")).isEqualTo("INV-1"));
    }

    @Test
    void aMissingRequiredColumnRefusesTheWholeFileNamingTheColumn() {
        assertThatThrownBy(() -> rows("invoice_id,customer_id,due_on\nINV-1,C-1,2026-01-31\n"))
                .isInstanceOfSatisfying(RejectedRegistryException.class, e -> assertThat(e.problems())
                        .containsExactly(new ImportError(1L, "amount",
                                "the required column amount is missing from the header, so nothing was imported")));
    }

    @Test
    void aColumnNamedTwiceRefusesTheWholeFile() {
        assertThatThrownBy(() -> rows("invoice_id,customer_id,due_on,amount,amount\n"))
                .isInstanceOfSatisfying(RejectedRegistryException.class, e -> assertThat(e.problems())
                        .extracting(ImportError::message).containsExactly("column amount appears twice in the header"));
    }

    @Test
    void anEmptyFileIsRefused() {
        assertThatThrownBy(() -> rows(""))
                .isInstanceOf(RejectedRegistryException.class)
                .hasMessageStartingWith("the file is empty");
    }

    @Test
    void quotedFieldsMayHoldSeparatorsQuotesAndLineBreaksAndLinesCountFromTheRecordStart() {
        List<RegistryCsv.Row> rows = rows("invoice_id,customer_id,due_on,amount,note\n"
                + "INV-1,C-1,2026-01-31,100.00,\"two\nlines, and a \"\"quote\"\"\"\n"
                + "INV-2,C-1,2026-01-31,200.00,plain\n");

        assertThat(rows).extracting(RegistryCsv.Row::line).containsExactly(2L, 4L);
        assertThat(rows.get(0).value("note")).isEqualTo("two\nlines, and a \"quote\"");
    }

    @Test
    void rowsOfOnlySeparatorsAndEmptyLinesAreSkipped() {
        List<RegistryCsv.Row> rows = rows("invoice_id,customer_id,due_on,amount\n\nINV-1,C-1,2026-01-31,1.00\n,,,\n");

        assertThat(rows).extracting(RegistryCsv.Row::line).containsExactly(3L);
    }

    @Test
    void aQuoteNeverClosedStopsTheFileAtTheLineWhereItOpened() {
        RegistryCsv csv = open("""
                invoice_id,customer_id,due_on,amount
                INV-1,C-1,2026-01-31,100.00
                INV-2,"C-1,2026-01-31,100.00
                INV-3,C-1,2026-01-31,100.00
                """);

        assertThat(csv.next().value("invoice_id")).isEqualTo("INV-1");
        assertThatThrownBy(csv::next)
                .isInstanceOfSatisfying(RegistryCsv.Unreadable.class, e -> assertThat(e.line()).isEqualTo(3))
                .hasMessage("a quote opened on line 3 is never closed, so the rest of the file reads as one field;"
                        + " nothing was imported");
    }

    @Test
    void aLoneCarriageReturnInsideQuotesStaysInItsFieldAndEndsNoRecord() {
        List<RegistryCsv.Row> rows = rows("invoice_id,customer_id,due_on,amount,note\r"
                + "INV-1,C-1,2026-01-31,100.00,\"two\rlines\"\r"
                + "INV-2,C-1,2026-01-31,200.00,\"\r\"\r\n"
                + "INV-3,C-1,2026-01-31,300.00,plain\n");

        assertThat(rows).extracting(RegistryCsv.Row::line).containsExactly(2L, 4L, 6L);
        assertThat(rows).extracting(row -> row.value("invoice_id")).containsExactly("INV-1", "INV-2", "INV-3");
        assertThat(rows.get(0).value("note")).isEqualTo("two\nlines");
    }

    @Test
    void aQuotedLastFieldAtTheEndOfTheFileIsNotMistakenForAnOpenQuote() {
        List<RegistryCsv.Row> rows = rows("invoice_id,customer_id,due_on,amount\nINV-1,C-1,2026-01-31,\"100.00\"");

        assertThat(rows).singleElement().satisfies(row -> assertThat(row.value("amount")).isEqualTo("100.00"));
    }

    @Test
    void textAfterAClosingQuoteStopsTheFileAtThatLine() {
        RegistryCsv csv = open("invoice_id,customer_id,due_on,amount\nINV-1,C-1,2026-01-31,1.00\nINV-2,\"C-1\"x,2026-01-31,1.00\n");

        assertThat(csv.next()).isNotNull();
        assertThatThrownBy(csv::next)
                .isInstanceOfSatisfying(RegistryCsv.Unreadable.class, e -> assertThat(e.line()).isEqualTo(3))
                .hasMessageContaining("line 3 cannot be read as CSV");
    }

    @Test
    void bytesThatAreNotUtf8AreFoundInTheirRowAndColumn() {
        byte[] windows1251 = "invoice_id,customer_id,due_on,amount,note\nINV-1,C-1,2026-01-31,1.00,ok\nINV-2,C-1,2026-01-31,1.00,\u0416\n"
                .getBytes(java.nio.charset.Charset.forName("windows-1251"));
        RegistryCsv csv = RegistryCsv.open(new ByteArrayInputStream(windows1251), RegistryKind.INVOICES, INVOICE_COLUMNS);

        assertThat(csv.next().encodingProblems()).isEmpty();
        assertThat(csv.next().encodingProblems()).containsExactly(
                RowProblem.invalid("note", "note is not UTF-8 text; save the registry as UTF-8"));
    }

    private static List<RegistryCsv.Row> rows(String text) {
        RegistryCsv csv = open(text);
        List<RegistryCsv.Row> rows = new ArrayList<>();
        for (RegistryCsv.Row row = csv.next(); row != null; row = csv.next()) {
            rows.add(row);
        }
        return rows;
    }

    private static RegistryCsv open(String text) {
        InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        return RegistryCsv.open(in, RegistryKind.INVOICES, INVOICE_COLUMNS);
    }
}
