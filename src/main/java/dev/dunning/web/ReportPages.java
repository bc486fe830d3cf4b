package dev.dunning.web;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dunning.clock.BusinessClock;
import dev.dunning.reports.PictureFilter;
import dev.dunning.reports.ReportChart;
import dev.dunning.reports.ReportColumn;
import dev.dunning.reports.ReportInfo;
import dev.dunning.reports.ReportRequest;
import dev.dunning.reports.ReportTable;
import dev.dunning.reports.Reports;

/** Managers' report pages: the list, and one report with its filters, its table, a chart and the export links. */
@Controller
class ReportPages {

    /** Rows a page shows; the exports have them all. */
    static final int PAGE_ROWS = 500;

    private final Reports reports;
    private final BusinessClock clock;
    private final MessageSource messages;
    private final ObjectMapper json;

    private final dev.dunning.providers.Providers providers;

    ReportPages(Reports reports, BusinessClock clock, MessageSource messages, ObjectMapper json,
            dev.dunning.providers.Providers providers) {
        this.providers = providers;
        this.reports = reports;
        this.clock = clock;
        this.messages = messages;
        this.json = json;
    }

    @GetMapping("/reports")
    String list(Model model) {
        model.addAttribute("reports", reports.list());
        return "reports";
    }

    @GetMapping("/reports/{name}")
    String report(@PathVariable String name, Model model, Locale locale, @RequestParam(required = false) String group,
            @RequestParam(required = false) String plan, @RequestParam(required = false) String building,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String provider, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String grain)
            throws JsonProcessingException {
        ReportInfo info = reports.info(name);
        ReportRequest request = ReportRequest.parse(group, plan, building, service, from, to, grain, clock.today())
                .forProvider(provider, providers);
        ReportTable table = reports.table(name, request, PAGE_ROWS);
        model.addAttribute("reports", reports.list());
        model.addAttribute("info", info);
        model.addAttribute("request", request);
        model.addAttribute("providers", providers.all());
        model.addAttribute("table", table);
        model.addAttribute("cells", table.rows().stream().map(row -> cells(info, row, locale)).toList());
        model.addAttribute("totalCells", table.totals() == null ? null : cells(info, table.totals(), locale));
        model.addAttribute("grains", List.of("month", "quarter", "week"));
        model.addAttribute("query", query(info, request));
        model.addAttribute("chartJson", info.chart() == null || table.rows().isEmpty() ? null
                : chart(info, table, locale));
        return "report";
    }

    /** A row as the page prints it: amounts and rates with two decimals in the page's language. */
    private static List<String> cells(ReportInfo info, List<Object> row, Locale locale) {
        NumberFormat money = NumberFormat.getNumberInstance(locale);
        money.setMinimumFractionDigits(2);
        money.setMaximumFractionDigits(2);
        List<String> cells = new ArrayList<>(row.size());
        for (int i = 0; i < row.size(); i++) {
            Object value = row.get(i);
            ReportColumn.Kind kind = info.columns().get(i).kind();
            cells.add(value == null ? "" : kind == ReportColumn.Kind.AMOUNT || kind == ReportColumn.Kind.RATIO
                    ? money.format(value) : value.toString());
        }
        return cells;
    }

    /** The request as a query string for the export links. */
    private static String query(ReportInfo info, ReportRequest request) {
        Map<String, String> values = new LinkedHashMap<>();
        PictureFilter filter = request.filter();
        values.put("group", filter.group());
        values.put("plan", filter.plan());
        values.put("building", filter.building());
        values.put("service", info.service() ? filter.service() : null);
        values.put("provider", info.service() ? filter.provider() : null);
        values.put("from", info.period() ? request.from().toString() : null);
        values.put("to", info.period() ? request.to().toString() : null);
        values.put("grain", info.grain() ? request.grain() : null);
        List<String> pairs = new ArrayList<>();
        values.forEach((key, value) -> {
            if (value != null) {
                pairs.add(key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    /**
     * The chart's data as JSON for the page's script: the x values in order, one series per charted column, rows
     * with the same x added up. "<" is escaped so that no value (a building's name) can close the script element.
     */
    private String chart(ReportInfo info, ReportTable table, Locale locale) throws JsonProcessingException {
        ReportChart chart = info.chart();
        int x = info.column(chart.x());
        Map<String, BigDecimal[]> sums = new LinkedHashMap<>();
        for (List<Object> row : table.rows()) {
            String key = row.get(x) == null ? "" : row.get(x).toString();
            BigDecimal[] values = sums.computeIfAbsent(key, k -> new BigDecimal[chart.series().size()]);
            for (int s = 0; s < chart.series().size(); s++) {
                Object value = row.get(info.column(chart.series().get(s)));
                if (value != null) {
                    BigDecimal number = value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
                    values[s] = values[s] == null ? number : values[s].add(number);
                }
            }
        }
        List<Map<String, Object>> series = new ArrayList<>();
        for (int s = 0; s < chart.series().size(); s++) {
            int index = s;
            String key = chart.series().get(s);
            series.add(Map.of("name", messages.getMessage("report.col." + key, null, key, locale), "type", chart.type(),
                    "data", sums.values().stream().map(values -> values[index]).toList()));
        }
        return json.writeValueAsString(Map.of("x", List.copyOf(sums.keySet()), "series", series)).replace("<", "\\u003c");
    }
}
