package dev.dunning.distribution;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.dunning.inbox.Inbox;

/** The team's load, who is away, and the assignment rules in force. */
@RestController
class DistributionController {

    private final Distribution distribution;
    private final Inbox inbox;

    DistributionController(Distribution distribution, Inbox inbox) {
        this.distribution = distribution;
        this.inbox = inbox;
    }

    /** Per person: open and overdue tasks assigned, their groups, and their absence. Managers and admins. */
    @GetMapping("/api/team/load")
    List<Distribution.CollectorLoad> load(Authentication user) {
        return distribution.load(worker(user));
    }

    /** {@code {"from": "2026-03-10", "until": "2026-03-20", "reason": "leave"}}; no until: until further notice. */
    @PutMapping("/api/team/absences/{username}")
    Absence markAway(@PathVariable String username, @RequestBody(required = false) Map<String, String> body,
            Authentication user) {
        Map<String, String> values = body == null ? Map.of() : body;
        return distribution.markAway(username, date(values, "from"), date(values, "until"), values.get("reason"),
                worker(user));
    }

    @DeleteMapping("/api/team/absences/{username}")
    Map<String, String> markBack(@PathVariable String username, Authentication user) {
        distribution.markBack(username, worker(user));
        return Map.of("username", username, "status", "back");
    }

    @GetMapping("/api/assignment-rules")
    Distribution.RulesInForce rules() {
        return distribution.rules();
    }

    static LocalDate date(Map<String, String> values, String field) {
        String text = values.get(field);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": '" + text.strip() + "' is not a date (2026-03-10)");
        }
    }

    private Inbox.Worker worker(Authentication user) {
        return inbox.worker(user.getName(), user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_"))
                .map(authority -> authority.substring("ROLE_".length())).collect(Collectors.toSet()));
    }
}
