package dev.dunning.plans;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Migrating running cases between versions of a plan. Analysts and admins apply; managers may preview and read
 * (the preview is a POST because of its body, and is let through for managers in SecurityConfiguration).
 */
@RestController
@RequestMapping("/api/plans/{key}/migrations")
class PlanMigrationController {

    private final PlanMigrations migrations;

    PlanMigrationController(PlanMigrations migrations) {
        this.migrations = migrations;
    }

    @PostMapping("/preview")
    PlanMigrations.Preview preview(@PathVariable String key, @RequestBody MigrationRequest request) {
        return migrations.preview(key, request);
    }

    @PostMapping
    PlanMigrations.Progress apply(@PathVariable String key, @RequestBody MigrationRequest request,
            Authentication user) {
        return migrations.apply(key, request, user.getName());
    }

    @GetMapping
    List<PlanMigrations.Progress> history(@PathVariable String key) {
        return migrations.history(key);
    }

    @GetMapping("/{migrationId}")
    PlanMigrations.Progress progress(@PathVariable String key, @PathVariable String migrationId) {
        return migrations.progress(key, migrationId);
    }

    @ExceptionHandler(InvalidMigrationException.class)
    ProblemDetail invalid(InvalidMigrationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        problem.setProperty("problems", e.problems());
        return problem;
    }
}
