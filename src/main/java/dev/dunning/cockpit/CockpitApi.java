package dev.dunning.cockpit;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.dunning.cases.CaseInterventions;
import dev.dunning.cases.CaseView;

/**
 * The admin cockpit as JSON (admins only, like all of /api/admin): plans with their counts, one version's counts
 * per activity, case search and detail, failed jobs with their retry, and suspending, resuming or cancelling a
 * case with a reason.
 */
@RestController
class CockpitApi {

    private final PlanMonitor plans;
    private final CaseInspector inspector;
    private final FailedJobs failedJobs;
    private final CaseInterventions interventions;

    CockpitApi(PlanMonitor plans, CaseInspector inspector, FailedJobs failedJobs, CaseInterventions interventions) {
        this.plans = plans;
        this.inspector = inspector;
        this.failedJobs = failedJobs;
        this.interventions = interventions;
    }

    @GetMapping("/api/admin/cockpit/plans")
    List<PlanMonitor.PlanOverview> plans() {
        return plans.plans();
    }

    @GetMapping("/api/admin/cockpit/plans/{key}")
    PlanMonitor.VersionPicture version(@PathVariable String key, @RequestParam(required = false) Integer version) {
        return plans.version(key, version);
    }

    @GetMapping("/api/admin/cockpit/cases")
    List<CaseInspector.FoundCase> search(@RequestParam String q,
            @RequestParam(defaultValue = "" + CaseInspector.PAGE) int limit) {
        return inspector.search(q, limit);
    }

    @GetMapping("/api/admin/cockpit/cases/{caseId}")
    CaseInspector.CaseDetail inspect(@PathVariable String caseId) {
        return inspector.inspect(caseId);
    }

    @GetMapping("/api/admin/cockpit/failed-jobs")
    List<FailedJobs.FailedJob> failedJobs(@RequestParam(defaultValue = "100") int limit) {
        return failedJobs.list(limit);
    }

    @GetMapping(value = "/api/admin/cockpit/failed-jobs/{jobId}/stacktrace", produces = MediaType.TEXT_PLAIN_VALUE)
    String stackTrace(@PathVariable String jobId) {
        return failedJobs.stackTrace(jobId);
    }

    /** What a retry may say: how many attempts the job gets (default {@value FailedJobs#DEFAULT_RETRIES}). */
    record Retry(Integer retries) {
    }

    @PostMapping("/api/admin/cockpit/failed-jobs/{jobId}/retry")
    FailedJobs.FailedJob retry(@PathVariable String jobId, @RequestBody(required = false) Retry retry,
            Authentication admin) {
        int retries = retry == null || retry.retries() == null ? FailedJobs.DEFAULT_RETRIES : retry.retries();
        return failedJobs.retry(jobId, retries, admin.getName());
    }

    /** The body of suspend, resume and cancel: why (required; written on the case's timeline). */
    record Reason(String reason) {
    }

    @PostMapping("/api/admin/cases/{caseId}/suspend")
    CaseView suspend(@PathVariable String caseId, @RequestBody(required = false) Reason body, Authentication admin) {
        return interventions.suspend(caseId, admin.getName(), reasonOf(body));
    }

    @PostMapping("/api/admin/cases/{caseId}/resume")
    CaseView resume(@PathVariable String caseId, @RequestBody(required = false) Reason body, Authentication admin) {
        return interventions.resume(caseId, admin.getName(), reasonOf(body));
    }

    @PostMapping("/api/admin/cases/{caseId}/cancel")
    CaseView cancel(@PathVariable String caseId, @RequestBody(required = false) Reason body, Authentication admin) {
        return interventions.cancel(caseId, admin.getName(), reasonOf(body));
    }

    private static String reasonOf(Reason body) {
        return body == null ? null : body.reason();
    }

    @ExceptionHandler(CaseInterventions.MissingReasonException.class)
    ProblemDetail missingReason(CaseInterventions.MissingReasonException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        problem.setTitle("A reason is required");
        problem.setProperty("errors", List.of(java.util.Map.of("field", "reason", "message", e.getMessage())));
        return problem;
    }
}
