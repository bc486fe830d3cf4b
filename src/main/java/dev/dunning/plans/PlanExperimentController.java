package dev.dunning.plans;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The champion/challenger report as JSON and as CSV (analysts, managers, admins: GET /api/plans/**). */
@RestController
@RequestMapping("/api/plans/experiments")
class PlanExperimentController {

    private final PlanComparison comparison;

    PlanExperimentController(PlanComparison comparison) {
        this.comparison = comparison;
    }

    @GetMapping("/report")
    PlanComparison.Report report(@RequestParam String group, @RequestParam String champion,
            @RequestParam String challenger, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return comparison.compare(group, champion, challenger, from, to);
    }

    @GetMapping("/report.csv")
    ResponseEntity<String> csv(@RequestParam String group, @RequestParam String champion,
            @RequestParam String challenger, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        PlanComparison.Report report = comparison.compare(group, champion, challenger, from, to);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, "text/csv; charset=UTF-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"experiment-" + group + "-" + from
                        + "-" + to + ".csv\"")
                .body(csv(report));
    }

    static String csv(PlanComparison.Report report) {
        StringBuilder out = new StringBuilder("arm,plan,group,from,to,as_of,cases,cases_without_opening_debt,"
                + "debt_at_opening,collected,collection_rate_percent,settled,median_days_to_pay,mean_days_to_pay,"
                + "notices_sent,calls,notices_per_1000_collected,calls_per_1000_collected\r\n");
        row(out, "champion", report, report.champion());
        row(out, "challenger", report, report.challenger());
        return out.toString();
    }

    private static void row(StringBuilder out, String arm, PlanComparison.Report report, PlanComparison.Arm figures) {
        out.append(String.join(",", arm, quoted(figures.planKey()), quoted(report.group()), report.from().toString(),
                report.to().toString(), report.asOf().toString(), String.valueOf(figures.cases()),
                String.valueOf(figures.casesWithoutOpeningDebt()), plain(figures.debtAtOpening()),
                plain(figures.collected()), plain(figures.collectionRate()), String.valueOf(figures.settled()),
                plain(figures.medianDaysToPay()), plain(figures.meanDaysToPay()), String.valueOf(figures.notices()),
                String.valueOf(figures.calls()), plain(figures.noticesPerThousand()),
                plain(figures.callsPerThousand()))).append("\r\n");
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
    private static String quoted(String value) {
        return value.matches(".*[,\"\r\n].*") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
