package dev.dunning.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dunning.support.DunningTest;

/**
 * Registry files dropped into the drop folder ({@code target/test-drop} in tests). The scheduled
 * poller runs too, so a test polls by hand and then waits for the outcome, whichever poll took the file.
 */
@DunningTest
class DropFolderTest {

    @Autowired
    DropFolder dropFolder;

    @Autowired
    ImportSettings settings;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    private final String p = "D" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @Test
    void aSettledRegistryFileIsImportedAndMovedToProcessedNextToItsReport() throws IOException {
        String name = "customers-" + p + ".csv";
        drop(name, "customer_id,name,group\n%1$sC1,One,individual\n%1$sC2,Two,nobody\n".formatted(p), settled());

        dropFolder.pollOnce();

        JsonNode report = awaitReport(DropFolder.PROCESSED, name);
        assertThat(report.get("accepted").asLong()).isEqualTo(1);
        assertThat(report.get("rejected").asLong()).isEqualTo(1);
        assertThat(report.at("/errors/0/line").asLong()).isEqualTo(3);
        assertThat(report.at("/errors/0/column").asText()).isEqualTo("group");
        assertThat(folder(DropFolder.PROCESSED).resolve(name)).exists();
        assertThat(folder().resolve(name)).doesNotExist();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer WHERE customer_id = ?").param(p + "C1").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void aFileWhoseNameNamesNoRegistryIsRejectedWithAReportSayingWhy() throws IOException {
        String name = "debtors-" + p + ".csv";
        drop(name, "customer_id,name,group\n%sC1,One,individual\n".formatted(p), settled());

        dropFolder.pollOnce();

        JsonNode report = awaitReport(DropFolder.REJECTED, name);
        assertThat(report.at("/errors/0/message").asText())
                .startsWith("the file name must start with the registry it holds: customers, invoices or payments");
        assertThat(folder(DropFolder.REJECTED).resolve(name)).exists();
    }

    @Test
    void aFileMissingARequiredColumnIsRejectedWithTheColumnInItsReport() throws IOException {
        String name = "invoices-" + p + ".csv";
        drop(name, "invoice_id,customer_id,due_on\n%1$sI1,%1$sC1,2026-01-31\n".formatted(p), settled());

        dropFolder.pollOnce();

        JsonNode report = awaitReport(DropFolder.REJECTED, name);
        assertThat(report.at("/errors/0/column").asText()).isEqualTo("amount");
    }

    @Test
    void aFileStillBeingWrittenIsLeftWhereItIs() throws IOException {
        String name = "customers-" + p + ".csv";
        drop(name, "customer_id,name,group\n", Instant.now());

        assertThat(dropFolder.pollOnce()).doesNotContain(name);
        assertThat(folder().resolve(name)).exists();
    }

    @Test
    void aClaimNobodyWorksOnAnyMoreGoesBackAndIsImported() throws IOException {
        String name = "customers-" + p + ".csv";
        Instant longAgo = Instant.now().minus(Duration.ofHours(1));
        Path claimed = folder(DropFolder.PROCESSING).resolve(longAgo.toEpochMilli() + "-0badc0de_" + name);
        Files.createDirectories(claimed.getParent());
        Files.writeString(claimed, "customer_id,name,group\n%sC1,One,individual\n".formatted(p), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(claimed, FileTime.from(longAgo));

        dropFolder.pollOnce();

        assertThat(awaitReport(DropFolder.PROCESSED, name).get("accepted").asLong()).isEqualTo(1);
        assertThat(claimed).doesNotExist();
    }

    private JsonNode awaitReport(String outcome, String name) throws IOException {
        Path report = folder(outcome).resolve(name + ".report.json");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(report) && Files.exists(folder(outcome).resolve(name)));
        return json.readTree(report.toFile());
    }

    private void drop(String name, String content, Instant modified) throws IOException {
        Files.createDirectories(folder());
        // written aside and moved in, as a careful sender does, so no poll sees half a file
        Path aside = folder().resolve(name + ".part");
        Files.writeString(aside, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(aside, FileTime.from(modified));
        Files.move(aside, folder().resolve(name));
    }

    private static Instant settled() {
        return Instant.now().minus(Duration.ofMinutes(1));
    }

    private Path folder(String... sub) {
        Path folder = settings.dropFolder();
        for (String each : sub) {
            folder = folder.resolve(each);
        }
        return folder;
    }
}
