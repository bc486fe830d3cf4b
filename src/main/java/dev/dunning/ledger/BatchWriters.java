package dev.dunning.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Writes an import's batches on threads of their own while the caller reads and checks the next rows,
 * so parsing and the database work at the same time, and on PostgreSQL several backends share the
 * writing (one backend's CPU is the limit otherwise).
 * <p>
 * Rows are spread over the writers by id: every row with one id goes to the same writer, whose
 * batches commit one after the other in file order, so a later row is always compared with the
 * earlier one and two writers never touch the same row. Each writer holds one batch being filled
 * and one in flight, so memory stays flat. What a committed batch returns is handed to
 * {@code whenCommitted} on the caller's thread.
 */
final class BatchWriters<T> implements AutoCloseable {

    private final int batchSize;
    private final Function<T, String> id;
    private final Function<List<CheckedRow<T>>, BatchMerge.Result<T>> write;
    private final Consumer<BatchMerge.Result<T>> whenCommitted;
    private final List<Writer> writers = new ArrayList<>();

    BatchWriters(int count, int batchSize, Function<T, String> id, Function<List<CheckedRow<T>>, BatchMerge.Result<T>> write,
            Consumer<BatchMerge.Result<T>> whenCommitted) {
        this.batchSize = batchSize;
        this.id = id;
        this.write = write;
        this.whenCommitted = whenCommitted;
        for (int i = 0; i < count; i++) {
            writers.add(new Writer(i));
        }
    }

    /** Adds a checked row to its writer's batch, and writes the batch once it is full. */
    void add(CheckedRow<T> row) {
        writers.get(Math.floorMod(id.apply(row.value()).hashCode(), writers.size())).add(row);
    }

    /** Writes the rows still waiting and returns once every batch is committed. */
    void flush() {
        writers.forEach(Writer::submit);
        writers.forEach(Writer::awaitInFlight);
    }

    /** Lets writes still in flight (when reading failed) finish before returning, so nothing runs on unseen. */
    @Override
    public void close() {
        writers.forEach(writer -> writer.thread.shutdown());
        for (Writer writer : writers) {
            try {
                writer.thread.awaitTermination(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private final class Writer {

        private final ExecutorService thread;
        private List<CheckedRow<T>> filling = new ArrayList<>(batchSize);
        private Future<BatchMerge.Result<T>> inFlight;

        Writer(int number) {
            thread = Executors.newSingleThreadExecutor(task -> {
                Thread writer = new Thread(task, "registry-import-writer-" + number);
                writer.setDaemon(true);
                return writer;
            });
        }

        void add(CheckedRow<T> row) {
            filling.add(row);
            if (filling.size() >= batchSize) {
                submit();
            }
        }

        /** Waits for the batch in flight, then sends the one being filled. */
        void submit() {
            awaitInFlight();
            if (filling.isEmpty()) {
                return;
            }
            List<CheckedRow<T>> batch = filling;
            filling = new ArrayList<>(batchSize);
            inFlight = thread.submit(() -> write.apply(batch));
        }

        void awaitInFlight() {
            if (inFlight == null) {
                return;
            }
            BatchMerge.Result<T> committed;
            try {
                committed = inFlight.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException("a registry batch could not be written", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while a registry batch was written", e);
            } finally {
                inFlight = null;
            }
            whenCommitted.accept(committed);
        }
    }
}
