package dev.dunning.ledger;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The drop folder: billing puts {@code customers*.csv}, {@code invoices*.csv} and {@code payments*.csv}
 * there, and every few seconds the files that have settled are imported. Each file ends in
 * {@code processed/} (or {@code rejected/}) next to {@code <file>.report.json}, the same report the API
 * answers with.
 * <p>
 * Several nodes may watch one shared folder. A node claims a file by renaming it into
 * {@code processing/} under a name of its own; the rename is atomic, so exactly one node wins and
 * the others find the file gone. The claimed file is touched after each batch; a claim nobody has
 * touched for {@code stale-claim-after} belongs to a node that died, and the file goes back to the
 * drop folder to be imported again (imports are idempotent).
 */
@Component
class DropFolder {

    private static final Logger log = LoggerFactory.getLogger(DropFolder.class);
    /** {@code <claimed at, epoch millis>-<random>_<original name>} */
    private static final Pattern CLAIM = Pattern.compile("(\\d+)-[0-9a-f]{8}_(.+)");
    static final String PROCESSING = "processing";
    static final String PROCESSED = "processed";
    static final String REJECTED = "rejected";

    private final RegistryImport imports;
    private final ImportSettings settings;
    private final ObjectMapper json;
    /**
     * File ages are compared with the file system's timestamps, which follow the wall clock; business
     * time (simulated in demos) has nothing to say about whether a copy has finished.
     */
    private final Clock wallClock = Clock.systemUTC();

    DropFolder(RegistryImport imports, ImportSettings settings, ObjectMapper json) {
        this.imports = imports;
        this.settings = settings;
        this.json = json;
    }

    @Scheduled(initialDelayString = "${dunning.imports.poll-initial-delay:PT5S}",
            fixedDelayString = "${dunning.imports.poll-interval:PT3S}")
    void poll() {
        try {
            pollOnce();
        } catch (IOException | RuntimeException e) {
            log.error("Polling the drop folder {} failed", settings.dropFolder().toAbsolutePath(), e);
        }
    }

    /**
     * Imports every settled registry file in the drop folder, in name order (customers before invoices
     * before payments, which is the order their references need).
     *
     * @return the names of the files this node handled
     */
    List<String> pollOnce() throws IOException {
        Path drop = settings.dropFolder();
        Files.createDirectories(drop.resolve(PROCESSING));
        Files.createDirectories(drop.resolve(PROCESSED));
        Files.createDirectories(drop.resolve(REJECTED));
        releaseStaleClaims(drop);
        Instant settledBefore = wallClock.instant().minus(settings.settleTime());
        List<Path> settled;
        try (Stream<Path> files = Files.list(drop)) {
            settled = files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                    .filter(file -> modifiedBefore(file, settledBefore))
                    .sorted()
                    .toList();
        }
        List<String> handled = new ArrayList<>();
        for (Path file : settled) {
            claim(file).ifPresent(claimed -> {
                importClaimed(claimed, file.getFileName().toString());
                handled.add(file.getFileName().toString());
            });
        }
        return handled;
    }

    private Optional<Path> claim(Path file) {
        String claimName = wallClock.millis() + "-" + String.format("%08x", ThreadLocalRandom.current().nextInt())
                + "_" + file.getFileName();
        Path claimed = file.resolveSibling(PROCESSING).resolve(claimName);
        try {
            Files.move(file, claimed, StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(claimed);
        } catch (NoSuchFileException e) {
            return Optional.empty(); // another node claimed it first
        } catch (IOException e) {
            log.error("Cannot claim {} from the drop folder", file.getFileName(), e);
            return Optional.empty();
        }
    }

    private void importClaimed(Path claimed, String name) {
        Path drop = settings.dropFolder();
        Optional<RegistryKind> kind = RegistryKind.ofFileName(name);
        if (kind.isEmpty()) {
            finish(claimed, name, drop.resolve(REJECTED), ImportReport.refused(List.of(new ImportError(null, null,
                    "the file name must start with the registry it holds: " + RegistryKind.allNames()
                            + " (for example invoices-2026-03.csv)"))));
            log.warn("Drop folder: {} rejected, its name names no registry", name);
            return;
        }
        ImportReport report;
        Path outcome;
        try {
            report = imports.importCsv(kind.get(), () -> Files.newInputStream(claimed), () -> touch(claimed));
            outcome = drop.resolve(PROCESSED);
        } catch (RejectedRegistryException e) {
            report = ImportReport.refused(e.problems());
            outcome = drop.resolve(REJECTED);
        } catch (RuntimeException e) {
            log.error("Drop folder: importing {} failed", name, e);
            report = ImportReport.refused(List.of(new ImportError(null, null, "the import failed: " + e.getMessage()
                    + ". Rows of batches before the failure were kept; dropping the file again is safe")));
            outcome = drop.resolve(REJECTED);
        }
        finish(claimed, name, outcome, report);
        log.info("Drop folder: {} moved to {}/ ({} accepted, {} unchanged, {} rejected)", name,
                outcome.getFileName(), report.accepted(), report.unchanged(), report.rejected());
    }

    /** Writes the report, then moves the file next to it under its own name (numbered when a file of that name is there). */
    private void finish(Path claimed, String name, Path folder, ImportReport report) {
        try {
            for (int copy = 1; ; copy++) {
                Path target = folder.resolve(copy == 1 ? name : numbered(name, copy));
                if (Files.exists(target)) {
                    continue;
                }
                json.writerWithDefaultPrettyPrinter()
                        .writeValue(folder.resolve(target.getFileName() + ".report.json").toFile(), report);
                try {
                    Files.move(claimed, target);
                    return;
                } catch (FileAlreadyExistsException raced) {
                    // another node finished a file of the same name this instant; take the next number
                }
            }
        } catch (IOException e) {
            log.error("Drop folder: cannot move {} out of {}/; it will be released and imported again", name, PROCESSING, e);
        }
    }

    /** {@code invoices.csv} → {@code invoices-2.csv} */
    private static String numbered(String name, int copy) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name + "-" + copy : name.substring(0, dot) + "-" + copy + name.substring(dot);
    }

    private void releaseStaleClaims(Path drop) throws IOException {
        Instant staleBefore = wallClock.instant().minus(settings.staleClaimAfter());
        List<Path> claims;
        try (Stream<Path> files = Files.list(drop.resolve(PROCESSING))) {
            claims = files.filter(Files::isRegularFile).toList();
        }
        for (Path claimed : claims) {
            Matcher claim = CLAIM.matcher(claimed.getFileName().toString());
            if (!claim.matches() || Instant.ofEpochMilli(Long.parseLong(claim.group(1))).isAfter(staleBefore)
                    || !modifiedBefore(claimed, staleBefore)) {
                continue;
            }
            try {
                Files.move(claimed, drop.resolve(claim.group(2)));
                log.warn("Drop folder: {} was claimed by a node that stopped working on it; it goes back to be imported again",
                        claim.group(2));
            } catch (NoSuchFileException | FileAlreadyExistsException e) {
                // another node released it first, or a new file of that name waits; the claim stays for the next round
            }
        }
    }

    private void touch(Path claimed) {
        try {
            Files.setLastModifiedTime(claimed, FileTime.from(wallClock.instant()));
        } catch (IOException e) {
            log.warn("Drop folder: cannot touch the claimed file {}", claimed.getFileName(), e);
        }
    }

    private static boolean modifiedBefore(Path file, Instant instant) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(instant);
        } catch (IOException e) {
            return false; // gone or unreadable; the next round will see
        }
    }
}
