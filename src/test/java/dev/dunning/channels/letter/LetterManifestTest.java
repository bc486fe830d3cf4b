package dev.dunning.channels.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/** The print shop opens the manifest in a spreadsheet: names and addresses that look like formulas stay text. */
class LetterManifestTest {

    @Test
    void aRecipientOrCustomerIdThatLooksLikeAFormulaGetsALeadingApostrophe() throws IOException {
        String manifest = LetterBatches.manifest(List.of(
                new LetterBatches.Letter("N-1", "C-1", "=HYPERLINK(\"http://evil.example\",\"click\")\nul. Lenina 1", true, 2),
                new LetterBatches.Letter("N-2", "@C-2", "+7 street", false, 1),
                new LetterBatches.Letter("N-3", "C-3", "Ivan Petrov, ul. Lenina 1", false, 1)));

        List<List<String>> rows = new ArrayList<>();
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(new StringReader(manifest))) {
            csv.forEach(record -> rows.add(record.getFields()));
        }
        assertThat(rows).containsExactly(
                List.of("notice_id", "customer_id", "pages", "paper", "address"),
                List.of("N-1", "C-1", "2", "colored", "'=HYPERLINK(\"http://evil.example\",\"click\")\nul. Lenina 1"),
                List.of("N-2", "'@C-2", "1", "white", "'+7 street"),
                List.of("N-3", "C-3", "1", "white", "Ivan Petrov, ul. Lenina 1"));
    }
}
