package dev.dunning.ledger;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code dunning.imports.rows}: registry rows by {@code registry} (customers, invoices, payments) and {@code result}
 * (accepted, unchanged, rejected), from files, the drop folder and single payments alike. Counted when the import
 * returns; its batches are committed by then.
 */
@Component
class ImportMetrics {

    private final MeterRegistry registry;

    ImportMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void imported(RegistryKind kind, long accepted, long unchanged, long rejected) {
        count(kind, "accepted", accepted);
        count(kind, "unchanged", unchanged);
        count(kind, "rejected", rejected);
    }

    private void count(RegistryKind kind, String result, long rows) {
        Counter counter = Counter.builder("dunning.imports.rows")
                .description("Registry rows imported: accepted (new or changed), unchanged, rejected")
                .tag("registry", kind.registryName()).tag("result", result).register(registry);
        if (rows > 0) {
            counter.increment(rows);
        }
    }
}
