package dev.dunning.simulation;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.NoSuchElementException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Plan simulations over REST: analysts and admins start them (POST, the rules for /api/plans), managers read them.
 * A run goes off the request thread: POST answers 202 with the run's id, GET tells its status and, once done, its
 * result.
 */
@RestController
@RequestMapping("/api/plans/{key}/simulations")
class SimulationController {

    private final PlanSimulations simulations;

    SimulationController(PlanSimulations simulations) {
        this.simulations = simulations;
    }

    @PostMapping
    ResponseEntity<SimulationRun> start(@PathVariable String key, @RequestBody(required = false) SimulationRequest request,
            Principal user) {
        SimulationRun run = simulations.start(key, request, user.getName());
        return ResponseEntity.accepted().location(URI.create("/api/plans/" + key + "/simulations/" + run.id())).body(run);
    }

    @GetMapping("/{id}")
    SimulationRun get(@PathVariable String key, @PathVariable String id) {
        return simulations.find(key, id)
                .orElseThrow(() -> new NoSuchElementException("plan '" + key + "' has no simulation '" + id + "'"));
    }

    @GetMapping
    List<SimulationRun> recent(@PathVariable String key) {
        return simulations.recent(key);
    }

    /** The request with every default filled in for this plan: what the form starts from. */
    @GetMapping("/defaults")
    SimulationRequest defaults(@PathVariable String key) {
        return simulations.defaults(key);
    }

    @ExceptionHandler(InvalidSimulationException.class)
    ProblemDetail invalid(InvalidSimulationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        problem.setProperty("errors", e.errors());
        return problem;
    }

    @ExceptionHandler(SimulationsBusyException.class)
    ProblemDetail busy(SimulationsBusyException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
    }

    @ExceptionHandler(NoSuchElementException.class)
    ProblemDetail notFound(NoSuchElementException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }
}
