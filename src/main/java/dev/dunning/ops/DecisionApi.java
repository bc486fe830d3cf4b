package dev.dunning.ops;

import java.util.List;
import java.util.Map;

import org.flowable.dmn.api.DmnDecision;
import org.flowable.dmn.api.DmnDecisionQuery;
import org.flowable.dmn.api.DmnDeployment;
import org.flowable.dmn.api.DmnRepositoryService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The read part of Flowable's DMN REST API under {@code /dmn-api}, in Flowable's own shape, so that a
 * Flowable-compatible tool lists the plan-choice decisions. Flowable publishes no DMN REST module for 7.2 (the last
 * is 7.1.0), and one built for another engine version is not worth the risk for four read calls. Deploying is
 * refused here as on {@code /process-api}: decisions are deployed with {@code POST /api/plans/decisions}.
 */
@RestController
@RequestMapping("/dmn-api/dmn-repository")
class DecisionApi {

    private final DmnRepositoryService repository;

    DecisionApi(DmnRepositoryService repository) {
        this.repository = repository;
    }

    /** Flowable's list envelope. */
    record Page<T>(List<T> data, long total, long start, String sort, String order, long size) {
    }

    /** Flowable's DecisionResponse. */
    record Decision(String id, String url, String category, String name, String key, String description, int version,
            String resourceName, String deploymentId, String tenantId, String decisionType) {
    }

    /** Flowable's DmnDeploymentResponse. */
    record Deployment(String id, String name, String deploymentTime, String category, String parentDeploymentId,
            String url, String tenantId) {
    }

    @GetMapping("/decisions")
    Page<Decision> decisions(@RequestParam(required = false) String key,
            @RequestParam(required = false) String deploymentId,
            @RequestParam(required = false) Boolean latest,
            @RequestParam(defaultValue = "0") int start, @RequestParam(defaultValue = "10") int size,
            UriComponentsBuilder uri) {
        DmnDecisionQuery query = repository.createDecisionQuery();
        if (key != null) {
            query.decisionKey(key);
        }
        if (deploymentId != null) {
            query.deploymentId(deploymentId);
        }
        if (Boolean.TRUE.equals(latest)) {
            query.latestVersion();
        }
        long total = query.count();
        List<Decision> page = query.orderByDecisionKey().asc().orderByDecisionVersion().asc()
                .listPage(Math.max(0, start), Math.max(0, size)).stream().map(each -> decision(each, uri)).toList();
        return new Page<>(page, total, start, "key", "asc", page.size());
    }

    @GetMapping("/decisions/{id}")
    ResponseEntity<?> decision(@PathVariable String id, UriComponentsBuilder uri) {
        DmnDecision found = repository.createDecisionQuery().decisionId(id).singleResult();
        if (found == null) {
            return notFound("Could not find a decision with id '" + id + "'.");
        }
        return ResponseEntity.ok(decision(found, uri));
    }

    @GetMapping("/deployments")
    Page<Deployment> deployments(@RequestParam(defaultValue = "0") int start,
            @RequestParam(defaultValue = "10") int size, UriComponentsBuilder uri) {
        var query = repository.createDeploymentQuery();
        long total = query.count();
        List<Deployment> page = query.orderByDeploymentTime().asc().listPage(Math.max(0, start), Math.max(0, size))
                .stream().map(each -> deployment(each, uri)).toList();
        return new Page<>(page, total, start, "deployTime", "asc", page.size());
    }

    @RequestMapping(path = "/deployments", method = {org.springframework.web.bind.annotation.RequestMethod.POST,
            org.springframework.web.bind.annotation.RequestMethod.PUT})
    ResponseEntity<Map<String, String>> deploy() {
        // Flowable's error shape, as /process-api answers: the status in "message", the reason in "exception".
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message", "Forbidden",
                "exception", "Deployments through the engine API are refused: decisions are deployed with "
                        + "POST /api/plans/decisions, which checks them against Dunning's plan rules"));
    }

    private static ResponseEntity<?> notFound(String message) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", "Not found", "exception", message));
    }

    private static Decision decision(DmnDecision decision, UriComponentsBuilder uri) {
        return new Decision(decision.getId(),
                uri.cloneBuilder().replacePath("/dmn-api/dmn-repository/decisions/{id}").replaceQuery(null)
                        .buildAndExpand(decision.getId()).toUriString(),
                decision.getCategory(), decision.getName(), decision.getKey(), decision.getDescription(),
                decision.getVersion(), decision.getResourceName(), decision.getDeploymentId(),
                emptyToNull(decision.getTenantId()), decision.getDecisionType());
    }

    private static Deployment deployment(DmnDeployment deployment, UriComponentsBuilder uri) {
        return new Deployment(deployment.getId(), deployment.getName(),
                deployment.getDeploymentTime() == null ? null : deployment.getDeploymentTime().toInstant().toString(),
                deployment.getCategory(), deployment.getParentDeploymentId(),
                uri.cloneBuilder().replacePath("/dmn-api/dmn-repository/deployments/{id}").replaceQuery(null)
                        .buildAndExpand(deployment.getId()).toUriString(),
                emptyToNull(deployment.getTenantId()));
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
