package dev.dunning.plans;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Which plan applies, over REST: groups ({@code /api/plans/groups}), per-customer overrides
 * ({@code /api/plans/overrides/{customerId}}), the champion/challenger splits ({@code /api/plans/splits}) and the
 * plan-choice decisions ({@code /api/plans/decisions}). Reads for analysts, managers and admins; changes for analysts
 * and admins (SecurityConfiguration's rules for /api/plans/**).
 */
@RestController
class PlanGroupController {

    private final PlanGroups groups;
    private final PlanOverrides overrides;
    private final PlanSelection selection;
    private final PlanDecisions decisions;

    PlanGroupController(PlanGroups groups, PlanOverrides overrides, PlanSelection selection, PlanDecisions decisions) {
        this.groups = groups;
        this.overrides = overrides;
        this.selection = selection;
        this.decisions = decisions;
    }

    @GetMapping("/api/plans/groups")
    List<PlanGroup> groups() {
        return groups.list();
    }

    @GetMapping("/api/plans/groups/{name}")
    PlanGroup group(@PathVariable("name") String name) {
        return groups.get(name);
    }

    @PutMapping("/api/plans/groups/{name}")
    PlanGroup save(@PathVariable("name") String name, @RequestBody PlanGroupEdit edit, Principal user) {
        return groups.save(name, edit, user.getName());
    }

    @GetMapping("/api/plans/splits")
    List<PlanSplit> splits() {
        return selection.splits();
    }

    record OverrideRequest(String plan, String reason) {
    }

    @GetMapping("/api/plans/overrides/{customerId}")
    PlanSelection.Choice choice(@PathVariable("customerId") String customerId) {
        return selection.choiceOf(customerId)
                .orElseThrow(() -> new java.util.NoSuchElementException("no customer '" + customerId + "'"));
    }

    @PutMapping("/api/plans/overrides/{customerId}")
    PlanOverrides.Override override(@PathVariable("customerId") String customerId, @RequestBody OverrideRequest request,
            Principal user) {
        return overrides.set(customerId, request.plan(), request.reason(), user.getName());
    }

    @DeleteMapping("/api/plans/overrides/{customerId}")
    ResponseEntity<Void> lift(@PathVariable("customerId") String customerId, Principal user) {
        if (!overrides.lift(customerId, user.getName())) {
            throw new java.util.NoSuchElementException("customer '" + customerId + "' has no plan override");
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/plans/decisions")
    List<String> decisions() {
        return decisions.keys();
    }

    /** Deploys a decision file (the DMN XML as the body); {@code ?name=} names the file. */
    @PostMapping(path = "/api/plans/decisions", consumes = {"application/xml", "text/xml"})
    ResponseEntity<Map<String, Object>> deployDecision(@org.springframework.web.bind.annotation.RequestParam(
            name = "name", defaultValue = "decision.dmn") String name, @RequestBody byte[] xml) {
        List<String> keys = decisions.deployAndKeep(name, xml);
        return ResponseEntity.created(URI.create("/api/plans/decisions")).body(Map.of("decisions", keys));
    }

    @ExceptionHandler(InvalidPlanGroupException.class)
    ProblemDetail invalidGroup(InvalidPlanGroupException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        problem.setTitle("Invalid plan choice");
        problem.setProperty("errors", e.errors());
        return problem;
    }

    @ExceptionHandler(InvalidDecisionException.class)
    ProblemDetail invalidDecision(InvalidDecisionException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        problem.setTitle("Invalid decision");
        problem.setProperty("problems", e.problems());
        return problem;
    }

    @ExceptionHandler(java.util.NoSuchElementException.class)
    ProblemDetail notFound(java.util.NoSuchElementException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }
}
