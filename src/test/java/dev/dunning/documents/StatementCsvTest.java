package dev.dunning.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.dunning.ledger.Statement;

/** The court package's statement is opened in spreadsheets too: registry text that looks like a formula stays text. */
class StatementCsvTest {

    @Test
    void contractsServicesAndIdsThatLookLikeFormulasGetALeadingApostrophe() throws Exception {
        Statement statement = new Statement("C-1",
                List.of(new Statement.Invoice("=INV-1", "=HYPERLINK(\"http://evil.example\")", "@water",
                        LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), new BigDecimal("100.00"), BigDecimal.ZERO,
                        new BigDecimal("100.00"))),
                List.of(new Statement.Payment("+P-1", LocalDate.of(2026, 2, 1), new BigDecimal("10.00"), false, "=INV-1",
                        List.of())));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        StatementCsv.write(statement, "RUB", out);

        List<List<String>> rows = new ArrayList<>();
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(new StringReader(out.toString(StandardCharsets.UTF_8)))) {
            csv.forEach(record -> rows.add(record.getFields()));
        }
        assertThat(rows.get(1)).startsWith("invoice", "'=INV-1", "", "'=HYPERLINK(\"http://evil.example\")", "'@water");
        assertThat(rows.get(2)).startsWith("payment", "'+P-1", "'=INV-1");
    }
}
