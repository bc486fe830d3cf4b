package dev.dunning.reports;

import static dev.dunning.reports.ReportColumn.amount;
import static dev.dunning.reports.ReportColumn.count;
import static dev.dunning.reports.ReportColumn.ratio;
import static dev.dunning.reports.ReportColumn.text;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/**
 * Per building, for residents' transparency notices: charged and collected in the period (collection_day) with the
 * collection rate, and today's debt (debt_position): balance, real debt and the number of residents with real debt.
 */
@Component
class BuildingReport implements Report {

    private static final ReportInfo INFO = new ReportInfo("buildings", List.of(text("building"), amount("charged"),
            amount("collected"), ratio("rate"), amount("balance"), amount("real_debt"), count("debtors")), true, false,
            false, true, ReportChart.bars("building", "charged", "collected", "real_debt"));

    private final ReportJdbc jdbc;

    BuildingReport(ReportJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ReportInfo info() {
        return INFO;
    }

    /** One row per building: a handful to a few thousand, merged in memory from two grouped reads. */
    @Override
    public void write(ReportRequest request, ReportSink sink) {
        Map<String, Object[]> buildings = new TreeMap<>();
        Map<String, Object> params = new HashMap<>();
        params.put("from", request.from());
        params.put("to", request.to());
        String collections = request.filter().where("d", false, params);
        jdbc.each("""
                SELECT d.building, SUM(d.charged) AS charged, SUM(d.collected) AS collected FROM collection_day d
                WHERE d.on_day >= :from AND d.on_day <= :to AND %s GROUP BY d.building""".formatted(collections),
                params, rs -> {
                    Object[] row = row(buildings, rs.getString("building"));
                    row[1] = ReportJdbc.amount(rs, "charged");
                    row[2] = ReportJdbc.amount(rs, "collected");
                });
        Map<String, Object> debtParams = new HashMap<>();
        String positions = request.filter().where("p", false, debtParams);
        jdbc.each("""
                SELECT p.building, SUM(p.balance) AS balance, SUM(p.real_debt) AS real_debt,
                       COUNT(DISTINCT CASE WHEN p.real_debt > 0 THEN p.customer_id END) AS debtors
                FROM debt_position p WHERE %s GROUP BY p.building""".formatted(positions), debtParams, rs -> {
                    Object[] row = row(buildings, rs.getString("building"));
                    row[4] = ReportJdbc.amount(rs, "balance");
                    row[5] = ReportJdbc.amount(rs, "real_debt");
                    row[6] = rs.getLong("debtors");
                });
        buildings.values().forEach(row -> {
            row[3] = ReportJdbc.percent((BigDecimal) row[2], (BigDecimal) row[1]);
            sink.row(row);
        });
    }

    private static Object[] row(Map<String, Object[]> buildings, String building) {
        return buildings.computeIfAbsent(building, name -> new Object[] {name, BigDecimal.ZERO.setScale(2),
                BigDecimal.ZERO.setScale(2), null, BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2), 0L});
    }
}
