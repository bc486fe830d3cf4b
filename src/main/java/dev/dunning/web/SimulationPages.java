package dev.dunning.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import dev.dunning.security.Roles;
import dev.dunning.simulation.InvalidSimulationException;
import dev.dunning.simulation.PlanSimulations;
import dev.dunning.simulation.SimulationRequest;
import dev.dunning.simulation.SimulationResult;
import dev.dunning.simulation.SimulationRun;
import dev.dunning.simulation.SimulationsBusyException;

/**
 * The plan simulation page: the form with the plan's defaults, the run's progress while it goes, and what it
 * found as charts and tables. Analysts and admins start runs; managers read them.
 */
@Controller
class SimulationPages {

    private final PlanSimulations simulations;

    SimulationPages(PlanSimulations simulations) {
        this.simulations = simulations;
    }

    @GetMapping("/plans/{key}/simulate")
    String page(@PathVariable String key, @RequestParam(required = false) String run, Authentication user,
            Model model) {
        SimulationRequest defaults;
        try {
            defaults = simulations.defaults(key);
        } catch (NoSuchElementException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        } catch (InvalidSimulationException e) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        }
        return render(key, defaults, run, user, model, List.of());
    }

    @PostMapping("/plans/{key}/simulate")
    String start(@PathVariable String key, @RequestParam MultiValueMap<String, String> form, Authentication user,
            Model model) {
        SimulationRequest defaults = simulations.defaults(key);
        List<Map<String, String>> errors = new ArrayList<>();
        SimulationRequest request = read(form, defaults, errors);
        if (errors.isEmpty()) {
            try {
                SimulationRun run = simulations.start(key, request, user.getName());
                return "redirect:/plans/" + key + "/simulate?run=" + run.id();
            } catch (InvalidSimulationException e) {
                errors.addAll(e.errors());
            } catch (SimulationsBusyException e) {
                errors.add(Map.of("field", "", "message", e.getMessage()));
            }
        }
        return render(key, request, null, user, model, errors);
    }

    /** The progress while a run goes (htmx polls it); a finished run reloads the page to show its result. */
    @GetMapping("/plans/{key}/simulate/runs/{id}/progress")
    String progress(@PathVariable String key, @PathVariable String id, Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        SimulationRun run = simulations.find(key, id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no simulation " + id));
        if (run.finished()) {
            response.setHeader("HX-Refresh", "true");
        }
        model.addAttribute("run", run);
        model.addAttribute("planKey", key);
        return "plan-simulation-progress";
    }

    private String render(String key, SimulationRequest form, String runId, Authentication user, Model model,
            List<Map<String, String>> errors) {
        model.addAttribute("planKey", key);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("maxCustomers", PlanSimulations.MAX_CUSTOMERS);
        model.addAttribute("maxDays", PlanSimulations.MAX_DAYS);
        model.addAttribute("canRun", Pages.roles(user).contains(Roles.ANALYST) || Pages.roles(user).contains(Roles.ADMIN));
        model.addAttribute("recent", simulations.recent(key));
        if (runId != null) {
            SimulationRun run = simulations.find(key, runId)
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no simulation " + runId));
            model.addAttribute("run", run);
            if (run.result() != null) {
                model.addAttribute("charts", SimulationCharts.of(run.result()));
            }
        }
        return "plan-simulation";
    }

    /** The form's fields as a request, each one that is not a number named in {@code errors}. */
    private static SimulationRequest read(MultiValueMap<String, String> form, SimulationRequest defaults,
            List<Map<String, String>> errors) {
        SimulationRequest.Sample sample = defaults.sample();
        SimulationRequest.Behaviour behaviour = defaults.behaviour();
        Map<String, Integer> payAfter = prefixed(form, "pay.", errors);
        Map<String, Integer> calls = prefixed(form, "call.", errors);
        Map<String, Integer> legal = prefixed(form, "legal.", errors);
        Map<String, Integer> people = prefixed(form, "people.", errors);
        String group = text(form, "group");
        return new SimulationRequest(number(form, "version", errors), null,
                new SimulationRequest.Sample(text(form, "source"), number(form, "size", errors),
                        group == null ? sample.group() : group, amount(form, "minAmount", errors),
                        amount(form, "maxAmount", errors), number(form, "emailPercent", errors),
                        number(form, "phonePercent", errors), number(form, "telegramPercent", errors),
                        number(form, "addressPercent", errors)),
                new SimulationRequest.Behaviour(payAfter.isEmpty() ? behaviour.payPercentAfter() : payAfter,
                        number(form, "payWithinDays", errors), calls.isEmpty() ? behaviour.callOutcomes() : calls,
                        number(form, "promiseKeptPercent", errors), number(form, "promiseDays", errors),
                        number(form, "disputeAcceptedPercent", errors), number(form, "disputeFrozenDays", errors),
                        legal.isEmpty() ? behaviour.legalOutcomes() : legal,
                        number(form, "writeOffApprovedPercent", errors), text(form, "workingHours"),
                        form.containsKey("contactRules")),
                number(form, "days", errors), longNumber(form, "seed", errors), people);
    }

    private static String text(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Integer number(MultiValueMap<String, String> form, String field, List<Map<String, String>> errors) {
        String value = text(form, field);
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            errors.add(Map.of("field", field, "message", "'" + value + "' is not a whole number"));
            return null;
        }
    }

    private static Long longNumber(MultiValueMap<String, String> form, String field, List<Map<String, String>> errors) {
        String value = text(form, field);
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            errors.add(Map.of("field", field, "message", "'" + value + "' is not a whole number"));
            return null;
        }
    }

    private static BigDecimal amount(MultiValueMap<String, String> form, String field, List<Map<String, String>> errors) {
        String value = text(form, field);
        try {
            return value == null ? null : new BigDecimal(value.replace(',', '.'));
        } catch (NumberFormatException e) {
            errors.add(Map.of("field", field, "message", "'" + value + "' is not an amount like 1250.50"));
            return null;
        }
    }

    private static Map<String, Integer> prefixed(MultiValueMap<String, String> form, String prefix,
            List<Map<String, String>> errors) {
        Map<String, Integer> values = new LinkedHashMap<>();
        form.keySet().stream().filter(name -> name.startsWith(prefix)).forEach(name -> {
            Integer value = number(form, name, errors);
            if (value != null) {
                values.put(name.substring(prefix.length()), value);
            }
        });
        return values;
    }

    /** Bars and lines for the result, laid out for inline SVG (no script, nothing from elsewhere). */
    public record SimulationCharts(Chart notices, Chart tasks, Chart openCases) {

        static final int WIDTH = 720;
        static final int HEIGHT = 160;

        static SimulationCharts of(SimulationResult result) {
            List<SimulationResult.Day> days = result.perDay();
            List<String> channels = new ArrayList<>(result.noticesByChannel().keySet());
            List<String> groups = new ArrayList<>(result.tasksByGroup().keySet());
            return new SimulationCharts(
                    stacked(days, channels, day -> day.notices()),
                    stacked(days, groups, day -> day.tasks()),
                    line(days));
        }

        private static Chart stacked(List<SimulationResult.Day> days, List<String> series,
                java.util.function.Function<SimulationResult.Day, Map<String, Long>> values) {
            long max = days.stream().mapToLong(day -> values.apply(day).values().stream().mapToLong(Long::longValue).sum())
                    .max().orElse(0);
            double barWidth = (double) WIDTH / Math.max(1, days.size());
            List<Bar> bars = new ArrayList<>();
            for (int index = 0; index < days.size(); index++) {
                double y = HEIGHT;
                for (int s = 0; s < series.size(); s++) {
                    long value = values.apply(days.get(index)).getOrDefault(series.get(s), 0L);
                    if (value == 0 || max == 0) {
                        continue;
                    }
                    double height = (double) value * HEIGHT / max;
                    y -= height;
                    bars.add(new Bar(format(index * barWidth), format(y), format(Math.max(1, barWidth - 1)),
                            format(height), "s" + (s % 6), days.get(index).date() + " " + series.get(s) + ": " + value));
                }
            }
            return new Chart(bars, "", max, series);
        }

        private static Chart line(List<SimulationResult.Day> days) {
            long max = days.stream().mapToLong(SimulationResult.Day::openCases).max().orElse(0);
            StringBuilder points = new StringBuilder();
            double step = (double) WIDTH / Math.max(1, days.size() - 1);
            for (int index = 0; index < days.size(); index++) {
                double y = max == 0 ? HEIGHT : HEIGHT - (double) days.get(index).openCases() * HEIGHT / max;
                points.append(index == 0 ? "" : " ").append(format(index * step)).append(',').append(format(y));
            }
            return new Chart(List.of(), points.toString(), max, List.of());
        }

        private static String format(double value) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
    }

    public record Chart(List<Bar> bars, String points, long max, List<String> series) {
    }

    public record Bar(String x, String y, String width, String height, String style, String title) {
    }
}
