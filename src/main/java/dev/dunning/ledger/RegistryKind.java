package dev.dunning.ledger;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The registries billing sends. The name is the URL path segment and the prefix of drop-folder file names. */
public enum RegistryKind {

    CUSTOMERS("customers"),
    INVOICES("invoices"),
    PAYMENTS("payments");

    private final String registryName;

    RegistryKind(String registryName) {
        this.registryName = registryName;
    }

    public String registryName() {
        return registryName;
    }

    /** The kind called {@code name} ({@code customers}, {@code invoices}, {@code payments}). */
    public static Optional<RegistryKind> named(String name) {
        return Arrays.stream(values()).filter(kind -> kind.registryName.equals(name)).findFirst();
    }

    /** The kind a drop-folder file is for, by the start of its name ({@code invoices-2026-03.csv}). */
    public static Optional<RegistryKind> ofFileName(String fileName) {
        String lowerCase = fileName.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> lowerCase.startsWith(kind.registryName)).findFirst();
    }

    /** The names, for messages: {@code customers, invoices or payments}. */
    static String allNames() {
        return "customers, invoices or payments";
    }
}
