package dev.dunning.admin;

import java.time.Duration;
import java.time.Instant;
import java.security.Principal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.dunning.cases.Evaluation;
import dev.dunning.cases.EvaluationReport;
import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.clock.ClockMode;
import dev.dunning.timeline.Timeline;

/** The admin's controls: run the evaluation now, read and (in simulated mode) move business time. */
@RestController
@RequestMapping("/api/admin")
class AdminController {

    record ClockView(Instant now, String mode, String zone, java.time.LocalDate today) {
    }

    /** {@code {"advance":"P3D"}} or {@code {"now":"2026-03-01T06:00:00Z"}}; {@code mode} may repeat the current mode. */
    record ClockChange(Duration advance, Instant now, String mode) {
    }

    private final BusinessClock clock;
    private final BusinessTime time;
    private final Evaluation evaluation;
    private final Timeline audit;

    AdminController(BusinessClock clock, BusinessTime time, Evaluation evaluation, Timeline audit) {
        this.clock = clock;
        this.time = time;
        this.evaluation = evaluation;
        this.audit = audit;
    }

    @GetMapping("/clock")
    ClockView clock() {
        return new ClockView(clock.now(), clock.mode().name().toLowerCase(), clock.getZone().getId(), clock.today());
    }

    @PostMapping("/clock")
    ClockView moveClock(@RequestBody ClockChange change, Principal user) {
        if (change.mode() != null && !change.mode().equalsIgnoreCase(clock.mode().name())) {
            throw new IllegalStateException("the clock runs in " + clock.mode().name().toLowerCase()
                    + " mode; the mode is set at start-up with dunning.clock.mode=" + change.mode().toLowerCase());
        }
        if (change.advance() != null && change.now() != null) {
            throw new IllegalArgumentException("give either 'advance' or 'now', not both");
        }
        if (change.advance() != null) {
            audit.record(null, null, "clock-advanced", user.getName(), "from " + clock.now() + " by " + change.advance());
            time.advance(change.advance());
        } else if (change.now() != null) {
            audit.record(null, null, "clock-moved", user.getName(), "from " + clock.now() + " to " + change.now());
            time.moveTo(change.now());
        } else if (change.mode() == null) {
            throw new IllegalArgumentException("give 'advance' (e.g. \"P3D\") or 'now' (e.g. \"2026-03-01T06:00:00Z\")");
        }
        return clock();
    }

    @PostMapping("/evaluate")
    EvaluationReport evaluate(Principal user) {
        EvaluationReport report = evaluation.evaluate();
        audit.record(null, null, "evaluation-run", user.getName(), report.opened() + " opened, " + report.settled()
                + " settled, " + report.suspended() + " suspended, " + report.resumed() + " resumed, "
                + report.remindersStarted() + " payment reminders started");
        if (clock.mode() == ClockMode.SIMULATED) {
            time.runDueNow();
        }
        return report;
    }
}
