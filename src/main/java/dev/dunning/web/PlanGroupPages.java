package dev.dunning.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.dunning.plans.InvalidPlanGroupException;
import dev.dunning.plans.PlanCatalog;
import dev.dunning.plans.PlanDecisions;
import dev.dunning.plans.PlanGroupEdit;
import dev.dunning.plans.PlanGroups;
import dev.dunning.plans.PlanOverrides;
import dev.dunning.plans.PlanSettings;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The page {@code /plans/groups}: every group with its master plan, allowed plans, decision and split; analysts and
 * admins edit them (plain forms, errors next to each field), managers read. An analyst also sets or lifts a
 * customer's own plan here.
 */
@Controller
class PlanGroupPages {

    private final PlanGroups groups;
    private final PlanCatalog plans;
    private final PlanDecisions decisions;
    private final PlanOverrides overrides;

    PlanGroupPages(PlanGroups groups, PlanCatalog plans, PlanDecisions decisions, PlanOverrides overrides) {
        this.groups = groups;
        this.plans = plans;
        this.decisions = decisions;
        this.overrides = overrides;
    }

    @GetMapping("/plans/groups")
    String page(Model model) {
        model.addAttribute("groups", groups.list());
        model.addAttribute("planKeys", plans.latestOfEach().stream().map(PlanSettings::key).toList());
        model.addAttribute("decisionKeys", decisions.keys());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "plan-groups";
    }

    @PostMapping("/plans/groups")
    String create(@RequestParam String name, @RequestParam(required = false) String masterPlan, Authentication user,
            Model model, RedirectAttributes flash, HttpServletResponse response) {
        return save(name.strip(), new PlanGroupEdit(masterPlan, null, null, null, null, List.of()), user, model, flash,
                response);
    }

    @PostMapping("/plans/groups/{name}")
    String edit(@PathVariable String name, @RequestParam(required = false) String masterPlan,
            @RequestParam(required = false) String upcomingPlan, @RequestParam(required = false) String decisionKey,
            @RequestParam(required = false) String challengerPlan,
            @RequestParam(required = false) String challengerPercent,
            @RequestParam(required = false) List<String> allowedPlans, Authentication user, Model model,
            RedirectAttributes flash, HttpServletResponse response) {
        Integer percent;
        try {
            percent = challengerPercent == null || challengerPercent.isBlank() ? null
                    : Integer.valueOf(challengerPercent.strip());
        } catch (NumberFormatException e) {
            percent = -1; // reported as out of range
        }
        return save(name, new PlanGroupEdit(masterPlan, upcomingPlan, decisionKey, challengerPlan, percent,
                allowedPlans == null ? List.of() : allowedPlans), user, model, flash, response);
    }

    private String save(String name, PlanGroupEdit edit, Authentication user, Model model, RedirectAttributes flash,
            HttpServletResponse response) {
        try {
            groups.save(name, edit, user.getName());
        } catch (InvalidPlanGroupException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("errors", fieldErrors(e.errors()));
            model.addAttribute("editing", name);
            return page(model);
        }
        flash.addFlashAttribute("notice", "plan-group-saved");
        return "redirect:/plans/groups";
    }

    @PostMapping("/plans/groups/overrides")
    String override(@RequestParam String customerId, @RequestParam(required = false) String plan,
            @RequestParam(required = false) String reason, @RequestParam(defaultValue = "set") String action,
            Authentication user, Model model, RedirectAttributes flash, HttpServletResponse response) {
        try {
            if (action.equals("lift")) {
                if (!overrides.lift(customerId.strip(), user.getName())) {
                    throw new InvalidPlanGroupException("-", List.of(new InvalidPlanGroupException.FieldError(
                            "customerId", "customer '" + customerId.strip() + "' has no plan override")));
                }
            } else {
                overrides.set(customerId.strip(), plan, reason, user.getName());
            }
        } catch (InvalidPlanGroupException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("overrideErrors", fieldErrors(e.errors()));
            return page(model);
        } catch (java.util.NoSuchElementException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("overrideErrors", Map.of("customerId", e.getMessage()));
            return page(model);
        }
        flash.addFlashAttribute("notice", "plan-override-saved");
        return "redirect:/plans/groups";
    }

    private static Map<String, String> fieldErrors(List<InvalidPlanGroupException.FieldError> errors) {
        Map<String, String> byField = new LinkedHashMap<>();
        errors.forEach(error -> byField.merge(error.field(), error.message(), (a, b) -> a + "; " + b));
        return byField;
    }
}
