package dev.dunning.ledger;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of registry imports ({@code dunning.imports.*}).
 *
 * @param dropFolder        where billing drops registry files; {@code processing/}, {@code processed/} and
 *                          {@code rejected/} are made inside it
 * @param batchSize         rows written per transaction; each committed batch is announced as a {@link LedgerChanged}
 * @param writers           threads (each with a database connection) writing one import's batches; rows are
 *                          spread over them by id. Two let PostgreSQL use two cores, which a first import needs
 * @param maxReportedErrors errors listed in a report; the rest are only counted
 * @param settleTime        a dropped file is taken only once it has not been modified for this long,
 *                          so a file still being copied in is left alone
 * @param staleClaimAfter   a claimed file nobody has worked on for this long belongs to a node that
 *                          died; it goes back to the drop folder (imports are idempotent, so a second run is safe)
 * @param maxUploadSize     the largest registry taken over HTTP, as a text/csv body or a multipart file (the
 *                          multipart limits {@code spring.servlet.multipart.*} are set from it); a larger one is
 *                          refused with 413 before a row is stored. The drop folder has no limit
 * @param analyzeAfterRows  an import that stored (inserted or updated) at least this many rows refreshes the
 *                          table's planner statistics on PostgreSQL ({@link PlannerStatistics}); 0 never does
 */
@ConfigurationProperties("dunning.imports")
record ImportSettings(
        @DefaultValue("./drop") Path dropFolder,
        @DefaultValue("2000") int batchSize,
        @DefaultValue("2") int writers,
        @DefaultValue("1000") int maxReportedErrors,
        @DefaultValue("PT2S") Duration settleTime,
        @DefaultValue("PT10M") Duration staleClaimAfter,
        @DefaultValue("2GB") DataSize maxUploadSize,
        @DefaultValue("10000") long analyzeAfterRows) {
}
