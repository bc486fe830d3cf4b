package dev.dunning.reports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.dunning.clock.BusinessClock;

/**
 * The reports as JSON: {@code GET /api/reports} lists them; {@code GET /api/reports/<name>} gives the rows as
 * objects keyed by column, at most {@code limit} (default 1,000, at most 10,000; {@code truncated} when there are
 * more: the exports have every row), and the totals where the report has them.
 */
@RestController
class ReportApi {

    static final int MAX_LIMIT = 10_000;

    private final Reports reports;
    private final BusinessClock clock;

    private final dev.dunning.providers.Providers providers;

    ReportApi(Reports reports, BusinessClock clock, dev.dunning.providers.Providers providers) {
        this.providers = providers;
        this.reports = reports;
        this.clock = clock;
    }

    @GetMapping("/api/reports")
    List<Map<String, Object>> list() {
        return reports.list().stream().map(info -> Map.<String, Object>of("name", info.name(), "columns",
                info.columns(), "period", info.period(), "grain", info.grain(), "service", info.service())).toList();
    }

    @GetMapping("/api/reports/{name}")
    Map<String, Object> report(@PathVariable String name, @RequestParam(required = false) String group,
            @RequestParam(required = false) String plan, @RequestParam(required = false) String building,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String provider, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String grain,
            @RequestParam(defaultValue = "1000") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: " + limit + " is not between 1 and " + MAX_LIMIT);
        }
        ReportInfo info = reports.info(name);
        ReportRequest request = ReportRequest.parse(group, plan, building, service, from, to, grain, clock.today())
                .forProvider(provider, providers);
        ReportTable table = reports.table(name, request, limit);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("report", name);
        answer.put("filter", request.filter());
        if (info.period()) {
            answer.put("from", request.from());
            answer.put("to", request.to());
        }
        if (info.grain()) {
            answer.put("grain", request.grain());
        }
        answer.put("columns", info.columns());
        answer.put("rows", table.rows().stream().map(row -> keyed(info, row)).toList());
        if (table.totals() != null) {
            answer.put("totals", keyed(info, table.totals()));
        }
        answer.put("truncated", table.truncated());
        return answer;
    }

    private static Map<String, Object> keyed(ReportInfo info, List<Object> row) {
        Map<String, Object> keyed = new LinkedHashMap<>();
        for (int i = 0; i < row.size(); i++) {
            keyed.put(info.columns().get(i).key(), row.get(i));
        }
        return keyed;
    }
}
