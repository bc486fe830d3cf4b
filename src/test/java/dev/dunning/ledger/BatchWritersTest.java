package dev.dunning.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Batches written on several threads must still keep each id's rows in file order. */
class BatchWritersTest {

    /** A row of the test: an id and the line it came from. */
    private record Line(String id, int line) {
    }

    @Test
    void everyRowOfOneIdIsWrittenByOneWriterInFileOrder() {
        Map<String, List<Integer>> linesById = new ConcurrentHashMap<>();
        Map<String, String> writerById = new ConcurrentHashMap<>();
        try (BatchWriters<Line> writers = new BatchWriters<>(3, 4, Line::id, batch -> {
            for (CheckedRow<Line> row : batch) {
                linesById.computeIfAbsent(row.value().id(), id -> Collections.synchronizedList(new ArrayList<>()))
                        .add(row.value().line());
                String previous = writerById.putIfAbsent(row.value().id(), Thread.currentThread().getName());
                assertThat(previous).isIn(null, Thread.currentThread().getName());
            }
            return result(batch);
        }, committed -> { })) {
            for (int line = 1; line <= 200; line++) {
                writers.add(new CheckedRow<>(line, new Line("ID-" + line % 7, line)));
            }
            writers.flush();
        }

        assertThat(linesById).hasSize(7);
        linesById.values().forEach(lines -> assertThat(lines).isSorted().doesNotHaveDuplicates());
        assertThat(linesById.values().stream().mapToInt(List::size).sum()).isEqualTo(200);
    }

    @Test
    void committedBatchesAreHandedBackOnTheCallersThreadAndNoMoreThanOneIsInFlightPerWriter() {
        List<String> callbackThreads = new CopyOnWriteArrayList<>();
        AtomicInteger writing = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        try (BatchWriters<Line> writers = new BatchWriters<>(2, 10, Line::id, batch -> {
            mostAtOnce.accumulateAndGet(writing.incrementAndGet(), Math::max);
            writing.decrementAndGet();
            return result(batch);
        }, committed -> callbackThreads.add(Thread.currentThread().getName()))) {
            for (int line = 1; line <= 95; line++) {
                writers.add(new CheckedRow<>(line, new Line("ID-" + line, line)));
            }
            writers.flush();
        }

        assertThat(callbackThreads).isNotEmpty().containsOnly(Thread.currentThread().getName());
        assertThat(mostAtOnce.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void aFailedWriteSurfacesOnTheCallersThread() {
        try (BatchWriters<Line> writers = new BatchWriters<>(2, 1, Line::id, batch -> {
            throw new RegistryWriteException(RegistryKind.INVOICES, 2, 2, "23503", "DataIntegrityViolationException");
        }, committed -> { })) {
            writers.add(new CheckedRow<>(2, new Line("ID-1", 2)));

            assertThatThrownBy(writers::flush).isInstanceOf(RegistryWriteException.class)
                    .hasMessageContaining("lines 2–2").hasMessageContaining("SQL state 23503");
        }
    }

    private static BatchMerge.Result<Line> result(List<CheckedRow<Line>> batch) {
        return new BatchMerge.Result<>(batch.stream().map(CheckedRow::value).toList(), List.of(), 0, List.of());
    }
}
