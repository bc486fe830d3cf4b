package dev.dunning.restriction;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A case's restriction history for managers: every request to restrict or restore, and each of its attempts. */
@RestController
class RestrictionController {

    private final RestrictionStore store;

    RestrictionController(RestrictionStore store) {
        this.store = store;
    }

    /** One request and its attempts, oldest first. */
    record RequestView(RestrictionRequest request, List<RestrictionStore.Attempt> attempts) {
    }

    @GetMapping("/api/cases/{caseId}/restrictions")
    List<RequestView> ofCase(@PathVariable String caseId) {
        return store.ofCase(caseId).stream()
                .map(request -> new RequestView(request, store.attemptsOfCase(caseId, request.requestId())))
                .toList();
    }
}
