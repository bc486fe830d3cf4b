package dev.dunning.ledger;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Writes one batch at a time on a thread of its own while the caller reads and checks the next one,
 * so parsing and the database work at the same time. Only one write is ever in flight, so batches
 * commit in file order and memory holds at most two batches. What a committed write returns is
 * handed to {@code whenCommitted} on the caller's thread, before the next batch is written.
 */
final class WriteBehind<R> implements AutoCloseable {

    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "registry-import-writer");
        thread.setDaemon(true);
        return thread;
    });
    private final Consumer<R> whenCommitted;
    private Future<R> inFlight;

    WriteBehind(Consumer<R> whenCommitted) {
        this.whenCommitted = whenCommitted;
    }

    /** Waits for the write in flight, then starts {@code write}. */
    void submit(Supplier<R> write) {
        awaitInFlight();
        inFlight = writer.submit(write::get);
    }

    /** Waits for the write in flight, if any. */
    void awaitInFlight() {
        if (inFlight == null) {
            return;
        }
        R result;
        try {
            result = inFlight.get();
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
        whenCommitted.accept(result);
    }

    /** Lets a write still in flight (when reading failed) finish before returning, so nothing runs on unseen. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
