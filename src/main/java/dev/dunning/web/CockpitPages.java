package dev.dunning.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.HtmlUtils;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dunning.cases.CaseInterventions;
import dev.dunning.cockpit.CaseInspector;
import dev.dunning.cockpit.FailedJobs;
import dev.dunning.cockpit.PlanMonitor;

/**
 * The admin cockpit ({@code /admin/cockpit}, admins only like all of /admin): the deployed plans, one version on
 * its diagram with the cases waiting and the jobs failed at each activity, case search and the case view with
 * suspend, resume and cancel, and the failed jobs with their retry.
 */
@Controller
class CockpitPages {

    private static final List<String> ACTIONS = List.of("suspend", "resume", "cancel");

    private final PlanMonitor plans;
    private final CaseInspector inspector;
    private final FailedJobs failedJobs;
    private final CaseInterventions interventions;
    private final ObjectMapper json;

    CockpitPages(PlanMonitor plans, CaseInspector inspector, FailedJobs failedJobs, CaseInterventions interventions,
            ObjectMapper json) {
        this.plans = plans;
        this.inspector = inspector;
        this.failedJobs = failedJobs;
        this.interventions = interventions;
        this.json = json;
    }

    @GetMapping("/admin/cockpit")
    String cockpit(Model model) {
        model.addAttribute("plans", plans.plans());
        model.addAttribute("failedJobs", failedJobs.count());
        return "cockpit";
    }

    @GetMapping("/admin/cockpit/plans/{key}")
    String plan(@PathVariable String key, @RequestParam(required = false) Integer version, Model model) {
        PlanMonitor.VersionPicture picture = plans.version(key, version);
        model.addAttribute("picture", picture);
        model.addAttribute("waitingJson", counts(picture.waiting()));
        model.addAttribute("failedJson", counts(picture.failed()));
        model.addAttribute("bpmnJs", "/vendor/bpmn-js/" + PlanPages.BPMN_JS_VERSION);
        return "cockpit-plan";
    }

    @GetMapping("/admin/cockpit/cases")
    String search(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("found", inspector.search(q, CaseInspector.PAGE));
        return "cockpit-cases";
    }

    @GetMapping("/admin/cockpit/cases/{caseId}")
    String inspect(@PathVariable String caseId, Model model) {
        CaseInspector.CaseDetail detail = inspector.inspect(caseId);
        model.addAttribute("detail", detail);
        model.addAttribute("currentJson", write(detail.currentActivities()));
        Map<String, Long> failed = new LinkedHashMap<>();
        detail.failedJobs().forEach(job -> failed.merge(job.activityId(), 1L, Long::sum));
        model.addAttribute("failedJson", write(failed));
        model.addAttribute("bpmnJs", "/vendor/bpmn-js/" + PlanPages.BPMN_JS_VERSION);
        return "cockpit-case";
    }

    /** Suspend, resume or cancel from the case view; without a reason the page says so and nothing changes. */
    @PostMapping("/admin/cockpit/cases/{caseId}/{action}")
    String act(@PathVariable String caseId, @PathVariable String action, @RequestParam(required = false) String reason,
            Authentication admin, Model model, RedirectAttributes flash,
            jakarta.servlet.http.HttpServletResponse response) {
        if (!ACTIONS.contains(action)) {
            throw new java.util.NoSuchElementException("There is no case action '" + action + "'.");
        }
        try {
            switch (action) {
                case "suspend" -> interventions.suspend(caseId, admin.getName(), reason);
                case "resume" -> interventions.resume(caseId, admin.getName(), reason);
                default -> interventions.cancel(caseId, admin.getName(), reason);
            }
        } catch (CaseInterventions.MissingReasonException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("problemAction", action);
            return inspect(caseId, model);
        }
        flash.addFlashAttribute("notice", "cockpit-case-" + action);
        return "redirect:/admin/cockpit/cases/" + caseId;
    }

    @GetMapping("/admin/cockpit/failed-jobs")
    String failedJobs(Model model) {
        model.addAttribute("jobs", failedJobs.list(200));
        return "cockpit-failed-jobs";
    }

    /** The stack trace on demand (htmx puts it under the job). */
    @GetMapping(value = "/admin/cockpit/failed-jobs/{jobId}/stacktrace", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String stackTrace(@PathVariable String jobId) {
        return "<pre class=\"stacktrace\">" + HtmlUtils.htmlEscape(failedJobs.stackTrace(jobId)) + "</pre>";
    }

    /** Retries a failed job and goes back where the admin was: the case view or the list. */
    @PostMapping("/admin/cockpit/failed-jobs/{jobId}/retry")
    String retry(@PathVariable String jobId, @RequestParam(defaultValue = "" + FailedJobs.DEFAULT_RETRIES) int retries,
            Authentication admin, RedirectAttributes flash) {
        FailedJobs.FailedJob job = failedJobs.retry(jobId, retries, admin.getName());
        flash.addFlashAttribute("notice", "cockpit-job-retried");
        return job.caseId() == null ? "redirect:/admin/cockpit/failed-jobs" : "redirect:/admin/cockpit/cases/" + job.caseId();
    }

    private String counts(List<PlanMonitor.ActivityCount> counts) {
        Map<String, Long> byActivity = new LinkedHashMap<>();
        counts.forEach(count -> byActivity.put(count.activityId(), count.count()));
        return write(byActivity);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
