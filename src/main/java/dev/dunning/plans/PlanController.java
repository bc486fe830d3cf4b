package dev.dunning.plans;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/plans")
class PlanController {

    private final PlanCatalog plans;

    PlanController(PlanCatalog plans) {
        this.plans = plans;
    }

    @GetMapping
    List<PlanSettings> list() {
        return plans.latestOfEach();
    }
}
