package dev.dunning.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.DebtPositions;
import dev.dunning.support.Api;
import dev.dunning.support.DunningTest;

/**
 * The exports as a manager downloads them: the CSV and the XLSX hold the same rows as the page and the JSON, amounts
 * as numbers with two decimals, a customer's name that looks like a formula neutralised, each export audited, and
 * no one but managers and admins let in.
 */
@DunningTest
class ReportExportTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    BusinessClock clock;
    @Autowired
    DebtPositions positions;
    @Autowired
    JdbcClient jdbc;

    private final String p = "RX" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final String building = p + "building";

    @Test
    void theCsvAndTheXlsxHoldTheSameRowsAsThePageWithFormulasNeutralised() throws Exception {
        agingLedger();
        String query = "?building=" + building;

        Map<String, Object> json = Api.as(rest, "manager").get("/api/reports/aging" + query);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) json.get("rows");
        assertThat(rows).extracting(row -> row.get("customer")).containsExactly(p + "C1", p + "C1", p + "C2");

        ResponseEntity<byte[]> csv = download("/reports/aging.csv" + query);
        assertThat(csv.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .contains("aging-" + clock.today() + ".csv");
        List<List<String>> csvRows = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(
                new StringReader(new String(csv.getBody(), StandardCharsets.UTF_8)))) {
            reader.forEach(record -> csvRows.add(record.getFields()));
        }
        assertThat(csvRows.get(0)).startsWith("customer", "name", "group", "building", "service", "balance");
        assertThat(csvRows.subList(1, csvRows.size())).containsExactly(
                List.of(p + "C1", "Anna", "individual", building, "heating", "800.00", "500.00", "500.00", "300.00",
                        "500.00", "0.00", "0.00", "0.00", "0.00"),
                List.of(p + "C1", "Anna", "individual", building, "water", "600.00", "600.00", "600.00", "0.00",
                        "0.00", "600.00", "0.00", "0.00", "0.00"),
                List.of(p + "C2", "'=HYPERLINK(\"http://x\")", "individual", building, "water", "250.00", "250.00",
                        "250.00", "0.00", "0.00", "0.00", "0.00", "0.00", "250.00"));

        ResponseEntity<byte[]> xlsx = download("/reports/aging.xlsx" + query);
        assertThat(xlsx.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).contains("aging-" + clock.today() + ".xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(3);
            for (int r = 1; r <= 3; r++) {
                Row row = sheet.getRow(r);
                List<String> csvRow = csvRows.get(r);
                for (int c = 0; c < 5; c++) {
                    assertThat(row.getCell(c).getStringCellValue()).isEqualTo(csvRow.get(c));
                }
                for (int c = 5; c < 14; c++) {
                    Cell cell = row.getCell(c);
                    assertThat(cell.getCellType()).as("amounts are numbers").isEqualTo(CellType.NUMERIC);
                    assertThat(BigDecimal.valueOf(cell.getNumericCellValue())).isEqualByComparingTo(csvRow.get(c));
                }
            }
        }

        String page = new String(download("/reports/aging" + query).getBody(), StandardCharsets.UTF_8);
        assertThat(page).contains(p + "C1", p + "C2", "=HYPERLINK(&quot;http://x&quot;)", "id=\"export-csv\"");

        List<String> audit = jdbc.sql("""
                SELECT summary FROM timeline_event WHERE kind = 'report-exported' AND actor = 'manager'
                AND summary LIKE :like""").param("like", "aging % building=" + building).query(String.class).list();
        assertThat(audit).containsExactlyInAnyOrder("aging csv building=" + building,
                "aging xlsx building=" + building);
    }

    @Test
    void onlyManagersAndAdminsSeeReports() {
        for (String user : List.of("collector", "analyst", "lawyer")) {
            assertThat(rest.withBasicAuth(user, user).getForEntity("/reports/aging.csv", byte[].class).getStatusCode())
                    .as(user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(rest.withBasicAuth(user, user).getForEntity("/api/reports/aging", String.class).getStatusCode())
                    .as(user).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(rest.withBasicAuth("admin", "admin").getForEntity("/api/reports/collection-rate", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aBadPeriodIsRefusedWithWhatAndWhereBeforeAnyFileIsWritten() {
        ResponseEntity<String> export = rest.withBasicAuth("manager", "manager")
                .getForEntity("/reports/collection-rate.csv?from=2026-05-01&to=2026-04-01", String.class);
        assertThat(export.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(export.getBody()).contains("from: 2026-05-01 is after to: 2026-04-01");

        ResponseEntity<String> api = rest.withBasicAuth("manager", "manager")
                .getForEntity("/api/reports/collection-rate?grain=year", String.class);
        assertThat(api.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.getBody()).contains("grain: 'year' is not one of month, quarter, week");

        assertThat(rest.withBasicAuth("manager", "manager").getForEntity("/api/reports/nonsense", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void everyReportPageOpensInEnglishAndInRussian() {
        for (String name : Reports.ORDER) {
            String en = new String(download("/reports/" + name + "?lang=en").getBody(), StandardCharsets.UTF_8);
            assertThat(en).as(name).contains("id=\"report-table\"").doesNotContain("report.col.", "report." + name);
            String ru = new String(download("/reports/" + name + "?lang=ru").getBody(), StandardCharsets.UTF_8);
            assertThat(ru).as(name).contains("Отчёты").doesNotContain("report.col.");
        }
        String ru = new String(download("/reports/dso-cei?lang=ru").getBody(), StandardCharsets.UTF_8);
        assertThat(ru).contains("DSO и CEI", "Дебиторка на начало");
    }

    private ResponseEntity<byte[]> download(String path) {
        ResponseEntity<byte[]> response = rest.withBasicAuth("manager", "manager").getForEntity(path, byte[].class);
        assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        return response;
    }

    /** Anna owes water 600.00 (40 days) and heating 800.00 (500.00 10 days, 300.00 not due); C2 water 250.00. */
    private void agingLedger() {
        Api admin = Api.as(rest, "admin");
        var today = clock.today();
        admin.importCsv("customers", """
                customer_id,name,group,building
                %sC1,Anna,individual,%s
                %sC2,"=HYPERLINK(""http://x"")",individual,%s
                """.formatted(p, building, p, building));
        admin.importCsv("invoices", """
                invoice_id,customer_id,service,due_on,amount
                %sW1,%sC1,water,%s,1000.00
                %sH1,%sC1,heating,%s,500.00
                %sH2,%sC1,heating,%s,300.00
                %sW2,%sC2,water,%s,250.00
                """.formatted(p, p, today.minusDays(40), p, p, today.minusDays(10), p, p, today.plusDays(5), p, p,
                today.minusDays(200)));
        admin.importCsv("payments", """
                payment_id,customer_id,paid_on,amount,status
                %sP1,%sC1,%s,400.00,confirmed
                """.formatted(p, p, today.minusDays(1)));
        positions.refreshAll();
    }
}
