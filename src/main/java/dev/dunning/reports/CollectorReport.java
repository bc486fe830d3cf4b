package dev.dunning.reports;

import static dev.dunning.reports.ReportColumn.amount;
import static dev.dunning.reports.ReportColumn.count;
import static dev.dunning.reports.ReportColumn.text;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/**
 * Per person who works the debts, in the period: tasks completed (timeline task-completed), calls by outcome
 * (timeline call-outcome, read from the words the plans write: cases/CaseActions#recordCallOutcome), promises
 * obtained (promise freezes they recorded) with the amount promised, and collected on promises: for each of those
 * promises, the customer's confirmed payments from the day of the promise to its date, capped at the promised
 * amount.
 */
@Component
class CollectorReport implements Report {

    private static final List<String> OUTCOMES = List.of("promised", "no_money", "refused", "disputes", "no_answer",
            "wrong_number");

    private static final ReportInfo INFO = new ReportInfo("collectors", List.of(text("person"), count("tasks_done"),
            count("calls"), count("reached"), count("promised"), count("no_money"), count("refused"),
            count("disputes"), count("no_answer"), count("wrong_number"), count("promises"),
            amount("promised_amount"), amount("collected_on_promises")), true, false, true, true,
            ReportChart.bars("person", "tasks_done", "calls", "promises"));

    private final ReportJdbc jdbc;

    CollectorReport(ReportJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ReportInfo info() {
        return INFO;
    }

    @Override
    public void write(ReportRequest request, ReportSink sink) {
        Map<String, Object[]> people = new TreeMap<>();
        Map<String, Object> params = new HashMap<>();
        params.put("start", jdbc.startOf(request.from()));
        params.put("end", jdbc.startOf(request.to().plusDays(1)));
        String where = request.filter().where("x", true, params);
        jdbc.each("""
                SELECT x.actor, x.kind, x.outcome, COUNT(*) AS events
                FROM (SELECT t.actor, t.kind,
                             CASE WHEN t.kind <> 'call-outcome' THEN ''
                                  WHEN t.summary LIKE 'no answer%%' THEN 'no_answer'
                                  WHEN t.summary LIKE 'wrong number%%' THEN 'wrong_number'
                                  WHEN t.summary LIKE 'reached: promised%%' THEN 'promised'
                                  WHEN t.summary LIKE 'reached: no money%%' THEN 'no_money'
                                  WHEN t.summary LIKE 'reached: refuses%%' THEN 'refused'
                                  WHEN t.summary LIKE 'reached: disputes%%' THEN 'disputes'
                                  ELSE 'reached' END AS outcome,
                             c.group_name, COALESCE(cc.plan_key, '') AS plan_key,
                             COALESCE(c.building, '') AS building, COALESCE(cc.service, '') AS service
                      FROM timeline_event t
                      JOIN customer c ON c.customer_id = t.customer_id
                      LEFT JOIN collection_case cc ON cc.case_id = t.case_id
                      WHERE t.kind IN ('task-completed', 'call-outcome') AND t.actor <> 'system'
                        AND t.occurred_at >= :start AND t.occurred_at < :end) x
                WHERE %s
                GROUP BY x.actor, x.kind, x.outcome""".formatted(where), params, rs -> {
                    Object[] row = row(people, rs.getString("actor"));
                    long events = rs.getLong("events");
                    if ("task-completed".equals(rs.getString("kind"))) {
                        add(row, 1, events);
                        return;
                    }
                    String outcome = rs.getString("outcome");
                    add(row, 2, events);
                    if (!"no_answer".equals(outcome) && !"wrong_number".equals(outcome)) {
                        add(row, 3, events);
                    }
                    int index = OUTCOMES.indexOf(outcome);
                    if (index >= 0) {
                        add(row, 4 + index, events);
                    }
                });
        Map<String, Object> promiseParams = new HashMap<>();
        promiseParams.put("from", request.from());
        promiseParams.put("to", request.to());
        jdbc.each("SELECT y.created_by, COUNT(*) AS promises, SUM(y.amount) AS promised, "
                + "SUM(CASE WHEN y.paid < y.amount THEN y.paid ELSE y.amount END) AS collected FROM ("
                + PromiseReport.PROMISES.formatted(request.filter().where("x", true, promiseParams))
                + ") y GROUP BY y.created_by", promiseParams, rs -> {
                    Object[] row = row(people, rs.getString("created_by"));
                    row[10] = rs.getLong("promises");
                    row[11] = ReportJdbc.amount(rs, "promised");
                    row[12] = ReportJdbc.amount(rs, "collected");
                });
        people.values().forEach(sink::row);
    }

    private static void add(Object[] row, int index, long count) {
        row[index] = (Long) row[index] + count;
    }

    private static Object[] row(Map<String, Object[]> people, String person) {
        return people.computeIfAbsent(person, name -> new Object[] {name, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L,
                BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2)});
    }
}
