package dev.dunning.channels.letter;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The letter channel ({@code dunning.notify.letter.*}).
 *
 * @param enabled             send notices by post: they become PDFs in the day's print batch
 * @param coloredPaperAbove   letters to customers whose real debt is above this go on colored paper; empty: never
 * @param batchClosesAt       the business time of day the day's batch closes; later letters join the next day's
 * @param batchFolder         where closed batches are written: {@code <date>/letters-<date>.pdf} and the manifest
 */
@ConfigurationProperties("dunning.notify.letter")
record LetterProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("50000.00") BigDecimal coloredPaperAbove,
        @DefaultValue("18:00") LocalTime batchClosesAt,
        @DefaultValue("./letters") Path batchFolder) {
}
