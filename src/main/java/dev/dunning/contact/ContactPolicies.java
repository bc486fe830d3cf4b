package dev.dunning.contact;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.HashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.CustomerGroups;
import dev.dunning.timeline.Timeline;

/**
 * Each customer group's contact rules: an admin's edit (stored, so every node sees it) over the configuration over
 * the preset. Every node keeps them for {@code dunning.contact.cache-for}, so sending a batch costs no query here.
 */
@Component
public class ContactPolicies {

    private final JdbcClient jdbc;
    private final ContactProperties properties;
    private final CustomerGroups groups;
    private final Timeline timeline;
    private final BusinessClock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, HolidayCalendar> calendars = new HashMap<>();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(RuleBook rules, long loadedAtNanos) {
    }

    ContactPolicies(JdbcClient jdbc, ContactProperties properties, CustomerGroups groups, Timeline timeline,
            BusinessClock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.groups = groups;
        this.timeline = timeline;
        this.clock = clock;
        for (HolidayCalendar shipped : List.of(HolidayCalendar.RU, HolidayCalendar.US, HolidayCalendar.NONE)) {
            calendars.put(shipped.name(), shipped);
        }
        properties.calendars().forEach((name, calendar) -> calendars.put(name, new HolidayCalendar(name,
                Set.copyOf(calendar.holidays() == null ? List.of() : calendar.holidays()),
                Set.copyOf(calendar.workingWeekends() == null ? List.of() : calendar.workingWeekends()))));
        // A mistake in the configuration stops the start with its group and field, not the first notice.
        for (String group : names()) {
            try {
                compile(configured(group));
            } catch (InvalidContactPolicyException e) {
                throw new IllegalStateException("dunning.contact.groups." + group + ": " + e.getMessage(), e);
            }
        }
    }

    /** The groups that have rules: the configured customer groups and any configured here. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>(groups.names());
        names.addAll(properties.groups().keySet());
        return names;
    }

    /** The rules in force for a group. */
    public ContactPolicy of(String group) {
        return rules(group).policy();
    }

    /** The rules in force for a group as a pure function of time: when a contact could go, nothing recorded. */
    public ContactSchedule schedule(String group) {
        return new ContactSchedule(rules(group));
    }

    RuleBook rules(String group) {
        String key = group == null ? "" : group;
        Cached cached = cache.get(key);
        if (cached == null || System.nanoTime() - cached.loadedAtNanos() > properties.cacheFor().toNanos()) {
            cached = new Cached(compile(effective(group)), System.nanoTime());
            cache.put(key, cached);
        }
        return cached.rules();
    }

    /**
     * Replaces a group's rules; fields left out come from the preset the edit names (or the group's current one).
     *
     * @throws InvalidContactPolicyException listing every wrong field; nothing is stored then
     */
    @Transactional
    public ContactPolicy replace(String group, ContactPolicy edit, String actor) {
        String preset = edit.preset() == null ? of(group).preset() : edit.preset();
        ContactPolicy base = Presets.named(preset).orElseThrow(() -> new InvalidContactPolicyException(List.of(
                new InvalidContactPolicyException.FieldError("preset", "'" + preset + "' is not one of " + Presets.names()))));
        ContactPolicy policy = edit.over(base);
        compile(policy);
        String document;
        try {
            document = json.writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("contact rules could not be written", e);
        }
        var at = clock.now().atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("UPDATE contact_policy SET policy = :policy, changed_by = :actor, changed_at = :at WHERE group_name = :group")
                .param("policy", document).param("actor", actor).param("at", at).param("group", group).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO contact_policy (group_name, policy, changed_by, changed_at) VALUES (:group, :policy, :actor, :at)")
                    .param("group", group).param("policy", document).param("actor", actor).param("at", at).update();
        }
        timeline.record(null, null, "contact-rules-changed", actor, "contact rules of group " + group + ": " + document);
        cache.remove(group);
        return policy;
    }

    /** Drops an admin's edit: the configured rules apply again. */
    @Transactional
    public ContactPolicy restore(String group, String actor) {
        jdbc.sql("DELETE FROM contact_policy WHERE group_name = :group").param("group", group).update();
        timeline.record(null, null, "contact-rules-changed", actor, "contact rules of group " + group
                + " back to the configuration");
        cache.remove(group);
        return of(group);
    }

    private ContactPolicy effective(String group) {
        Optional<String> stored = jdbc.sql("SELECT policy FROM contact_policy WHERE group_name = :group")
                .param("group", group).query(String.class).optional();
        if (stored.isPresent()) {
            try {
                return json.readValue(stored.get(), ContactPolicy.class).over(configured(group));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the stored contact rules of group " + group + " are not readable", e);
            }
        }
        return configured(group);
    }

    private ContactPolicy configured(String group) {
        ContactPolicy configured = properties.groups().get(group);
        String preset = configured == null || configured.preset() == null ? properties.defaultPreset() : configured.preset();
        ContactPolicy base = Presets.named(preset).orElseThrow(() -> new InvalidContactPolicyException(List.of(
                new InvalidContactPolicyException.FieldError("preset", "'" + preset + "' is not one of " + Presets.names()))));
        return configured == null ? base : configured.over(base);
    }

    private RuleBook compile(ContactPolicy policy) {
        return RuleBook.of(policy, name -> Optional.ofNullable(name == null ? null : calendars.get(name)));
    }
}
