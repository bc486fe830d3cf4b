package dev.dunning.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.dunning.clock.BusinessClock;
import dev.dunning.plans.InvalidMigrationException;
import dev.dunning.plans.MigrationRequest;
import dev.dunning.plans.PlanCatalog;
import dev.dunning.plans.PlanComparison;
import dev.dunning.plans.PlanGroups;
import dev.dunning.plans.PlanMigrations;
import dev.dunning.plans.PlanSettings;
import dev.dunning.plans.PlanVersionUsage;

/**
 * Analysts' pages for versions and experiments: /plans/{key}/versions (every version, where its cases wait, and the
 * migrate form -> preview -> confirm) and /plans/experiments (champion against challenger). Managers read both and
 * may preview a migration; only analysts and admins apply one (SecurityConfiguration).
 */
@Controller
class PlanVersionPages {

    private final PlanVersionUsage usage;
    private final PlanMigrations migrations;
    private final PlanComparison comparison;
    private final PlanCatalog catalog;
    private final PlanGroups groups;
    private final BusinessClock clock;

    PlanVersionPages(PlanVersionUsage usage, PlanMigrations migrations, PlanComparison comparison, PlanCatalog catalog,
            PlanGroups groups, BusinessClock clock) {
        this.usage = usage;
        this.migrations = migrations;
        this.comparison = comparison;
        this.catalog = catalog;
        this.groups = groups;
        this.clock = clock;
    }

    @GetMapping("/plans/{key}/versions")
    String versions(@PathVariable String key, Model model) {
        List<PlanVersionUsage.VersionUsage> versions = usage.of(key);
        model.addAttribute("key", key);
        model.addAttribute("versions", versions);
        model.addAttribute("history", migrations.history(key));
        if (!model.containsAttribute("form")) {
            int newest = versions.get(0).version();
            model.addAttribute("form", new Form(versions.size() > 1 ? versions.get(1).version() : newest, newest, "", "")
                    .view());
        }
        return "plan-versions";
    }

    /** What the migrate form posts: mappings one per line as {@code old=new}, case ids separated by spaces or lines. */
    record Form(int fromVersion, int toVersion, String mappings, String caseIds) {

        /** The form's values for the view (a package-private record's accessors are not visible to templates). */
        Map<String, Object> view() {
            return Map.of("fromVersion", fromVersion, "toVersion", toVersion, "mappings", mappings == null ? "" : mappings,
                    "caseIds", caseIds == null ? "" : caseIds);
        }

        MigrationRequest request() {
            Map<String, String> mapped = new LinkedHashMap<>();
            List<String> problems = new ArrayList<>();
            int line = 0;
            for (String text : (mappings == null ? "" : mappings).split("\\R")) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                String[] parts = text.split("=|->", 2);
                if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                    problems.add("line " + line + ": '" + text.strip() + "' is not old=new");
                } else {
                    mapped.put(parts[0].strip(), parts[1].strip());
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidMigrationException("mappings: " + String.join("; ", problems),
                        problems.stream().map(problem -> new InvalidMigrationException.Problem("mappings", problem)).toList());
            }
            List<String> ids = caseIds == null || caseIds.isBlank() ? List.of()
                    : List.of(caseIds.strip().split("[\\s,;]+"));
            return new MigrationRequest(fromVersion, toVersion, mapped, ids);
        }
    }

    @PostMapping("/plans/{key}/versions/preview")
    String preview(@PathVariable String key, Form form, Model model) {
        model.addAttribute("form", form.view());
        try {
            model.addAttribute("preview", migrations.preview(key, form.request()));
        } catch (InvalidMigrationException e) {
            model.addAttribute("problem", e);
        }
        return versions(key, model);
    }

    @PostMapping("/plans/{key}/versions/migrate")
    String migrate(@PathVariable String key, Form form, Authentication user, Model model, RedirectAttributes flash) {
        try {
            PlanMigrations.Progress result = migrations.apply(key, form.request(), user.getName());
            flash.addFlashAttribute("result", result);
            return "redirect:/plans/" + key + "/versions";
        } catch (InvalidMigrationException e) {
            model.addAttribute("form", form.view());
            model.addAttribute("problem", e);
            return versions(key, model);
        }
    }

    @GetMapping("/plans/experiments")
    String experiments(@RequestParam(required = false) String group, @RequestParam(required = false) String champion,
            @RequestParam(required = false) String challenger,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Model model) {
        LocalDate today = clock.today();
        LocalDate start = from == null ? today.minusDays(90) : from;
        LocalDate end = to == null ? today : to;
        String chosenGroup = group == null || group.isBlank()
                ? groups.names().stream().sorted().findFirst().orElse("individual") : group;
        List<String> plans = new ArrayList<>(comparison.plansUsed(chosenGroup, start, end));
        catalog.latestOfEach().stream().map(PlanSettings::key).filter(plan -> !plans.contains(plan)).forEach(plans::add);
        // By default the group's own experiment: its master plan against the challenger its split sends customers to.
        java.util.Optional<dev.dunning.plans.PlanGroup> kept = groups.find(chosenGroup);
        String first = champion == null || champion.isBlank()
                ? kept.map(dev.dunning.plans.PlanGroup::masterPlan).orElse(plans.isEmpty() ? null : plans.get(0))
                : champion;
        String second = challenger == null || challenger.isBlank()
                ? kept.map(dev.dunning.plans.PlanGroup::challengerPlan)
                        .orElse(plans.stream().filter(plan -> !plan.equals(first)).findFirst().orElse(first))
                : challenger;
        model.addAttribute("groups", groups.names().stream().sorted().toList());
        model.addAttribute("plans", plans);
        model.addAttribute("group", chosenGroup);
        model.addAttribute("champion", first);
        model.addAttribute("challenger", second);
        model.addAttribute("from", start.toString());
        model.addAttribute("to", end.toString());
        if (first != null && second != null && !end.isBefore(start)) {
            model.addAttribute("report", comparison.compare(chosenGroup, first, second, start, end));
        }
        return "plan-experiments";
    }
}
