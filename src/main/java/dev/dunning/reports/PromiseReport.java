package dev.dunning.reports;

import static dev.dunning.reports.ReportColumn.amount;
import static dev.dunning.reports.ReportColumn.count;
import static dev.dunning.reports.ReportColumn.ratio;
import static dev.dunning.reports.ReportColumn.text;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/**
 * Promises to pay made in the period (debt_freeze of kind promise, by the day they were made), per month made:
 * kept = the customer's confirmed payments from the day of the promise to its date, both included, reach the
 * promised amount; broken = not so and the date has passed; pending = not so and the date is today or later.
 * Kept rate = kept ÷ (kept + broken) × 100. Group and building are the customer's; plan and service those of the
 * customer's latest case opened before the promise.
 */
@Component
class PromiseReport implements Report {

    /**
     * Every promise made in [:from, :to] with what was paid toward it (confirmed payments from its day to its date)
     * and the filter's columns; the filter's conditions go in for %s over alias x.
     */
    static final String PROMISES = """
            SELECT x.* FROM (
                SELECT f.freeze_id, f.created_by, f.created_on, f.until, COALESCE(f.amount, 0) AS amount,
                       (SELECT COALESCE(SUM(p.amount), 0) FROM payment p
                        WHERE p.customer_id = f.customer_id AND p.status = 'confirmed'
                          AND p.paid_on >= f.created_on AND p.paid_on <= f.until) AS paid,
                       c.group_name, COALESCE(lc.plan_key, '') AS plan_key, COALESCE(c.building, '') AS building,
                       COALESCE(lc.service, '') AS service
                FROM (SELECT pf.*, (SELECT MAX(l.case_id) FROM collection_case l
                                    WHERE l.customer_id = pf.customer_id
                                      AND l.opened_at = (SELECT MAX(l2.opened_at) FROM collection_case l2
                                                         WHERE l2.customer_id = pf.customer_id
                                                           AND l2.opened_at <= pf.created_at)) AS case_id
                      FROM debt_freeze pf
                      WHERE pf.kind = 'promise' AND pf.created_on >= :from AND pf.created_on <= :to) f
                JOIN customer c ON c.customer_id = f.customer_id
                LEFT JOIN collection_case lc ON lc.case_id = f.case_id) x
            WHERE %s""";

    private static final ReportInfo INFO = new ReportInfo("promises", List.of(text("period"), count("promises"),
            count("kept"), count("broken"), count("pending"), amount("promised"), amount("paid"), ratio("kept_rate")),
            true, true, true, true, ReportChart.bars("period", "kept", "broken", "pending"));

    private final ReportJdbc jdbc;

    PromiseReport(ReportJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ReportInfo info() {
        return INFO;
    }

    @Override
    public void write(ReportRequest request, ReportSink sink) {
        LocalDate today = jdbc.today();
        List<ReportRequest.Span> spans = request.spans();
        TreeMap<LocalDate, Tally> byStart = new TreeMap<>();
        spans.forEach(span -> byStart.put(span.from(), new Tally()));
        Map<String, Object> params = new HashMap<>();
        params.put("from", request.from());
        params.put("to", request.to());
        jdbc.each(PROMISES.formatted(request.filter().where("x", true, params)), params, rs -> {
            Tally tally = byStart.floorEntry(ReportJdbc.date(rs, "created_on")).getValue();
            BigDecimal amount = ReportJdbc.amount(rs, "amount");
            BigDecimal paid = ReportJdbc.amount(rs, "paid");
            tally.promises++;
            tally.promised = tally.promised.add(amount);
            tally.paid = tally.paid.add(paid.min(amount));
            if (paid.compareTo(amount) >= 0) {
                tally.kept++;
            } else if (ReportJdbc.date(rs, "until").isBefore(today)) {
                tally.broken++;
            } else {
                tally.pending++;
            }
        });
        for (ReportRequest.Span span : spans) {
            Tally tally = byStart.get(span.from());
            sink.row(span.label(), tally.promises, tally.kept, tally.broken, tally.pending, tally.promised, tally.paid,
                    ReportJdbc.percent(BigDecimal.valueOf(tally.kept), BigDecimal.valueOf(tally.kept + tally.broken)));
        }
    }

    private static final class Tally {
        long promises;
        long kept;
        long broken;
        long pending;
        BigDecimal promised = BigDecimal.ZERO.setScale(2);
        /** Paid toward the promises, each capped at its amount. */
        BigDecimal paid = BigDecimal.ZERO.setScale(2);
    }
}
