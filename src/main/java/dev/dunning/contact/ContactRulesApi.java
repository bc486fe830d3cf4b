package dev.dunning.contact;

import java.security.Principal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.dunning.clock.BusinessClock;

/**
 * The contact rules per customer group ({@code /api/contact-rules}), a debtor's channel preferences and when they
 * may be contacted next ({@code /api/customers/{id}/contact-*}).
 */
@RestController
class ContactRulesApi {

    private final ContactPolicies policies;
    private final ContactPreferences preferences;
    private final ContactGate gate;
    private final BusinessClock clock;

    ContactRulesApi(ContactPolicies policies, ContactPreferences preferences, ContactGate gate, BusinessClock clock) {
        this.policies = policies;
        this.preferences = preferences;
        this.gate = gate;
        this.clock = clock;
    }

    @GetMapping("/api/contact-rules")
    Map<String, ContactPolicy> all() {
        Map<String, ContactPolicy> all = new LinkedHashMap<>();
        policies.names().forEach(group -> all.put(group, policies.of(group)));
        return all;
    }

    @GetMapping("/api/contact-rules/{group}")
    ContactPolicy one(@PathVariable("group") String group) {
        return policies.of(group);
    }

    @PutMapping("/api/contact-rules/{group}")
    ContactPolicy replace(@PathVariable("group") String group, @RequestBody ContactPolicy edit, Principal user) {
        return policies.replace(group, edit, user.getName());
    }

    @DeleteMapping("/api/contact-rules/{group}")
    ContactPolicy restore(@PathVariable("group") String group, Principal user) {
        return policies.restore(group, user.getName());
    }

    @GetMapping("/api/customers/{id}/contact-preferences")
    List<ContactPreferences.Preference> preferences(@PathVariable("id") String customerId) {
        return preferences.of(customerId);
    }

    /** What a person records of a debtor's wish: {@code {"channel":"sms","change":"opt-out","source":"phone call"}}. */
    record PreferenceChange(String channel, String change, String source) {
    }

    @PostMapping("/api/customers/{id}/contact-preferences")
    ContactPreferences.Preference change(@PathVariable("id") String customerId, @RequestBody PreferenceChange request,
            Principal user) {
        ContactPreferences.Change change;
        try {
            change = ContactPreferences.Change.valueOf(String.valueOf(request.change()).strip()
                    .toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("change must be one of opt-out, opt-in, consent, withdraw-consent, not '"
                    + request.change() + "'");
        }
        String source = request.source() == null || request.source().isBlank() ? "staff" : request.source().strip();
        if (source.length() > 64) {
            throw new IllegalArgumentException("source must have at most 64 characters");
        }
        return preferences.change(customerId, request.channel(), change, source, user.getName());
    }

    /** When a contact of each kind may next be made: {@code allowed}, else {@code notBefore} and {@code reason}. */
    record Window(boolean allowed, Instant notBefore, String reason) {
    }

    @GetMapping("/api/customers/{id}/contact-window")
    Map<String, Window> window(@PathVariable("id") String customerId) {
        Map<String, Window> window = new LinkedHashMap<>();
        gate.window(customerId, clock.now()).forEach((kind, decision) -> {
            Window answer;
            if (decision instanceof ContactDecision.Deferred deferred) {
                answer = new Window(false, deferred.until(), deferred.reason());
            } else if (decision instanceof ContactDecision.Suppressed suppressed) {
                answer = new Window(false, null, suppressed.reason());
            } else {
                answer = new Window(true, null, null);
            }
            window.put(kind.name().toLowerCase(Locale.ROOT) + "s", answer);
        });
        return window;
    }
}
