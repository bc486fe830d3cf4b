package dev.dunning.channels.letter;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.NoSuchElementException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The print batches: {@code GET /api/letters/batches}, and a batch's PDF and manifest for the print shop. */
@RestController
@ConditionalOnProperty(name = "dunning.notify.letter.enabled", havingValue = "true")
class LettersApi {

    private final LetterBatches batches;

    LettersApi(LetterBatches batches) {
        this.batches = batches;
    }

    @GetMapping("/api/letters/batches")
    List<LetterBatches.Batch> list() {
        return batches.batches();
    }

    @GetMapping("/api/letters/batches/{date}/letters.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable("date") String date) {
        LocalDate batch = existing(date);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=letters-" + batch + ".pdf")
                .body(batches.merged(batch));
    }

    @GetMapping("/api/letters/batches/{date}/manifest.csv")
    ResponseEntity<String> manifest(@PathVariable("date") String date) {
        LocalDate batch = existing(date);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=manifest-" + batch + ".csv")
                .body(batches.manifest(batch));
    }

    private LocalDate existing(String date) {
        LocalDate batch;
        try {
            batch = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a batch is named by its date, such as 2026-03-02, not '" + date + "'");
        }
        if (batches.letters(batch).isEmpty()) {
            throw new NoSuchElementException("no letters in the batch of " + batch);
        }
        return batch;
    }
}
