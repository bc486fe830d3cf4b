package dev.dunning.cases;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/cases")
class CaseController {

    private final Cases cases;

    CaseController(Cases cases) {
        this.cases = cases;
    }

    @GetMapping
    List<CaseView> list(@RequestParam(required = false) String status, @RequestParam(required = false) String stage,
            @RequestParam(defaultValue = "100") int limit) {
        return cases.list(status, stage, limit);
    }

    @GetMapping("/{caseId}")
    CaseView get(@PathVariable String caseId) {
        return cases.get(caseId);
    }
}
