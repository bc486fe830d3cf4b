package dev.dunning.reports;

import static dev.dunning.reports.ReportColumn.count;
import static dev.dunning.reports.ReportColumn.text;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * The stage funnel: per stage, the cases that entered it in the period (a stage change on the timeline, written by
 * cases/StageTracker as "[previous -> ]stage at activity"), each case counted once per stage, and where those cases
 * are now: still in that stage, in another stage (open or suspended), settled, or closed.
 */
@Component
class StageFunnelReport implements Report {

    static final List<String> STAGES = List.of("grace", "reminder", "call", "pretrial", "legal", "restriction");

    private static final ReportInfo INFO = new ReportInfo("stage-funnel", List.of(text("stage"), count("reached"),
            count("still_here"), count("elsewhere"), count("settled"), count("closed")), true, false, true, false,
            ReportChart.bars("stage", "reached", "still_here"));

    private final ReportJdbc jdbc;

    StageFunnelReport(ReportJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ReportInfo info() {
        return INFO;
    }

    @Override
    public void write(ReportRequest request, ReportSink sink) {
        Map<String, long[]> funnel = new LinkedHashMap<>();
        STAGES.forEach(stage -> funnel.put(stage, new long[5]));
        Map<String, Object> params = new HashMap<>();
        params.put("start", jdbc.startOf(request.from()));
        params.put("end", jdbc.startOf(request.to().plusDays(1)));
        String where = request.filter().where("x", true, params);
        // Ordered by case, so that one case's stage changes come together and only one case is held at a time.
        String[] current = {null, null, null};
        Set<String> reached = new HashSet<>();
        jdbc.each("""
                SELECT x.case_id, x.status, x.stage, x.summary
                FROM (SELECT cc.case_id, cc.status, COALESCE(cc.stage, '') AS stage, t.summary, c.group_name,
                             cc.plan_key, COALESCE(c.building, '') AS building, COALESCE(cc.service, '') AS service
                      FROM timeline_event t
                      JOIN collection_case cc ON cc.case_id = t.case_id
                      JOIN customer c ON c.customer_id = cc.customer_id
                      WHERE t.kind = 'stage-changed' AND t.occurred_at >= :start AND t.occurred_at < :end) x
                WHERE %s
                ORDER BY x.case_id""".formatted(where), params, rs -> {
                    String caseId = rs.getString("case_id");
                    if (!caseId.equals(current[0])) {
                        tally(funnel, current, reached);
                        current[0] = caseId;
                        current[1] = rs.getString("status");
                        current[2] = rs.getString("stage");
                    }
                    String stage = enteredStage(rs.getString("summary"));
                    if (stage != null) {
                        reached.add(stage);
                    }
                });
        tally(funnel, current, reached);
        funnel.forEach((stage, counts) -> sink.row(stage, counts[0], counts[1], counts[2], counts[3], counts[4]));
    }

    private static void tally(Map<String, long[]> funnel, String[] current, Set<String> reached) {
        if (current[0] == null) {
            return;
        }
        for (String stage : reached) {
            long[] counts = funnel.get(stage);
            counts[0]++;
            switch (current[1]) {
                case "settled" -> counts[3]++;
                case "closed" -> counts[4]++;
                default -> counts[stage.equals(current[2]) ? 1 : 2]++;
            }
        }
        reached.clear();
    }

    /** The stage a stage change entered: "reminder -> call at callTask" entered call. */
    static String enteredStage(String summary) {
        if (summary == null) {
            return null;
        }
        int at = summary.lastIndexOf(" at ");
        String moved = at < 0 ? summary : summary.substring(0, at);
        int arrow = moved.lastIndexOf("-> ");
        String stage = (arrow < 0 ? moved : moved.substring(arrow + 3)).strip();
        return STAGES.contains(stage) ? stage : null;
    }
}
