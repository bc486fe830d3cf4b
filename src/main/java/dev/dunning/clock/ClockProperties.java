package dev.dunning.clock;

import java.time.Instant;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param mode  system in production; simulated for demos and tests
 * @param zone  the company's zone: business dates (due dates, "today") and the daily schedule use it
 * @param start where simulated time begins the first time (later starts continue from the stored time)
 */
@ConfigurationProperties("dunning.clock")
public record ClockProperties(
        @DefaultValue("system") ClockMode mode,
        @DefaultValue("UTC") ZoneId zone,
        Instant start) {
}
