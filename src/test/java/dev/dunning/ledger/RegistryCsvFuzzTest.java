package dev.dunning.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

import dev.dunning.plans.PlanCatalog;

/**
 * Throws arbitrary bytes and mutated good registries at the reading and row checking of an import (no Spring, no
 * database: {@link RegistryCsv} and {@link RegistryImport#check} exactly as an import runs them) and holds that
 * <ul>
 * <li>nothing escapes but a {@link RejectedRegistryException}, the documented refusal of a whole file;</li>
 * <li>every refusal and every rejected row names a line (1 or more) and says why;</li>
 * <li>every row that passes satisfies the row rules: ids present, short and on one line, amounts positive with two
 * decimals and at most 12 digits before the point, the ledger's currency, a known group, no text garbled or holding
 * control characters.</li>
 * </ul>
 * Tries per property: 1000, about 10 s in all on two cores; {@code -Dfuzz.tries=N} runs it longer (see pom.xml). Each
 * property counts its tries and the run fails if a property ran fewer than asked for.
 */
class RegistryCsvFuzzTest {

    private static final Map<String, AtomicInteger> TRIES = new ConcurrentHashMap<>();
    private static final List<String> GROUPS = List.of("individual", "business", "public");
    private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

    private final PlanCatalog plans = mock(PlanCatalog.class);
    private final CustomerTable customers = new CustomerTable(null, null, new CustomerGroups(Map.of(
            "individual", new CustomerGroups.Group("individual-standard"),
            "business", new CustomerGroups.Group("business-standard"),
            "public", new CustomerGroups.Group("public-standard"))), plans);
    private final InvoiceTable invoices = new InvoiceTable(null, null, "RUB");
    private final PaymentTable payments = new PaymentTable(null, null, "RUB", dev.dunning.providers.Providers.none());

    {
        when(plans.exists("individual-standard")).thenReturn(true);
    }

    /** What reading one file came to: refused whole, or rows passed and rows rejected. */
    record Outcome(RejectedRegistryException refused, List<Object> passed, ImportReport report) {
    }

    @Property
    void arbitraryBytesAreRefusedNamingALineOrGiveOnlyRowsThatKeepTheRules(
            @ForAll @Size(max = 4096) byte[] bytes, @ForAll RegistryKind kind) {
        tried("arbitrary bytes");
        assertKeepsTheRules(kind, read(kind, bytes));
    }

    @Property
    void arbitraryTextUnderAValidHeaderGivesOnlyRowsThatKeepTheRules(
            @ForAll("anyText") String text, @ForAll RegistryKind kind, @ForAll("charsets") Charset charset) {
        tried("text under a header");
        String registry = String.join(",", columnsOf(kind)) + "\n" + text;
        assertKeepsTheRules(kind, read(kind, registry.getBytes(charset)));
    }

    @Property
    void mutatedGoodRegistriesAreRefusedNamingALineOrGiveOnlyRowsThatKeepTheRules(
            @ForAll("goodRegistries") Registry registry, @ForAll("mutations") List<Mutation> mutations,
            @ForAll("charsets") Charset charset) {
        tried("mutated registries");
        byte[] bytes = registry.text().getBytes(charset);
        for (Mutation mutation : mutations) {
            bytes = mutation.apply(bytes);
        }
        assertKeepsTheRules(registry.kind(), read(registry.kind(), bytes));
    }

    @Property
    void aGoodRegistryIsAcceptedWholeInUtf8AndUtf16(@ForAll("goodRegistries") Registry registry,
            @ForAll("readableCharsets") Charset charset) {
        tried("good registries");
        Outcome outcome = read(registry.kind(), registry.text().getBytes(charset));

        assertThat(outcome.refused()).as("refusal of a good registry").isNull();
        assertThat(outcome.report().errors()).as("errors of a good registry").isEmpty();
        assertThat(outcome.passed()).hasSize(registry.rows());
        assertKeepsTheRules(registry.kind(), outcome);
    }

    @Property
    void anyAmountIsEitherRejectedInItsColumnOrAPositiveNumberOfTwoDecimals(@ForAll("amounts") String amount) {
        tried("amounts");
        String registry = "invoice_id,customer_id,due_on,amount\nI-1,C-1,2026-01-31," + amount + "\n";
        Outcome outcome = read(RegistryKind.INVOICES, registry.getBytes(StandardCharsets.UTF_8));

        assertKeepsTheRules(RegistryKind.INVOICES, outcome);
        if (outcome.refused() == null && outcome.passed().isEmpty()) {
            assertThat(outcome.report().errors()).isNotEmpty()
                    .allSatisfy(error -> assertThat(error.column()).isIn("amount", null));
        }
        if (!outcome.passed().isEmpty()) {
            BigDecimal stored = ((InvoiceRow) outcome.passed().get(0)).amount();
            assertThat(stored).isEqualByComparingTo(new BigDecimal(amount.strip()));
        }
    }

    @AfterContainer
    static void everyPropertyRanTheTriesAskedFor() {
        int asked = Integer.parseInt(System.getProperty("jqwik.tries.default", "1000"));
        System.out.println("RegistryCsvFuzzTest tries: " + TRIES);
        assertThat(TRIES).hasSize(5).allSatisfy((property, tries) -> assertThat(tries.get()).as(property).isEqualTo(asked));
    }

    private static void tried(String property) {
        TRIES.computeIfAbsent(property, name -> new AtomicInteger()).incrementAndGet();
    }

    /** Reads a file as an import does, up to the rows it would hand to the writers. */
    private Outcome read(RegistryKind kind, byte[] bytes) {
        RegistryTable<?> table = table(kind);
        try {
            RegistryCsv.check(new ByteArrayInputStream(bytes), kind, table.requiredColumns());
        } catch (RejectedRegistryException refused) {
            return new Outcome(refused, List.of(), null);
        }
        ImportTally tally = new ImportTally(100_000);
        List<Object> passed = new ArrayList<>();
        try (RegistryCsv csv = RegistryCsv.open(new ByteArrayInputStream(bytes), kind, table.requiredColumns())) {
            for (RegistryCsv.Row row = csv.next(); row != null; row = csv.next()) {
                CheckedRow<?> checked = RegistryImport.check(table, csv, row, tally);
                if (checked != null) {
                    assertThat(checked.line()).isEqualTo(row.line());
                    passed.add(checked.value());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Outcome(null, passed, tally.report());
    }

    private RegistryTable<?> table(RegistryKind kind) {
        return switch (kind) {
            case CUSTOMERS -> customers;
            case INVOICES -> invoices;
            case PAYMENTS -> payments;
        };
    }

    private static void assertKeepsTheRules(RegistryKind kind, Outcome outcome) {
        if (outcome.refused() != null) {
            assertThat(outcome.refused().getMessage()).isNotBlank();
            assertThat(outcome.refused().problems()).isNotEmpty().allSatisfy(RegistryCsvFuzzTest::assertSaysWhere);
            return;
        }
        assertThat(outcome.report().errors()).allSatisfy(RegistryCsvFuzzTest::assertSaysWhere);
        assertThat(outcome.report().rejected()).isEqualTo(outcome.report().errors().stream().map(ImportError::line).distinct().count());
        for (Object row : outcome.passed()) {
            switch (kind) {
                case CUSTOMERS -> assertCustomer((Customer) row);
                case INVOICES -> assertInvoice((InvoiceRow) row);
                case PAYMENTS -> assertPayment((PaymentRow) row);
            }
        }
    }

    private static void assertSaysWhere(ImportError error) {
        assertThat(error.line()).as("line of %s", error).isNotNull().isPositive();
        assertThat(error.message()).as("message of %s", error).isNotBlank();
    }

    private static void assertCustomer(Customer customer) {
        assertId(customer.customerId());
        assertText(customer.name(), 300);
        assertThat(customer.name()).isNotBlank();
        assertThat(customer.group()).isIn(GROUPS);
        assertThat(customer.locale()).isIn(null, "ru", "en");
        if (customer.phone() != null) {
            assertThat(customer.phone()).matches("\\+?\\d{7,15}");
        }
        if (customer.email() != null) {
            assertText(customer.email(), 254);
            assertThat(customer.email()).contains("@");
        }
        assertText(customer.address(), 500);
        assertText(customer.building(), 128);
        assertText(customer.telegramChatId(), 64);
        assertThat(customer.plan()).isIn(null, "individual-standard");
    }

    private static void assertInvoice(InvoiceRow invoice) {
        assertId(invoice.invoiceId());
        assertId(invoice.customerId());
        assertThat(invoice.dueOn()).isNotNull();
        assertAmount(invoice.amount());
        assertThat(invoice.currency()).isEqualTo("RUB");
        if (invoice.contract() != null) {
            assertId(invoice.contract());
        }
        if (invoice.service() != null) {
            assertId(invoice.service());
        }
    }

    private static void assertPayment(PaymentRow payment) {
        assertId(payment.paymentId());
        assertId(payment.customerId());
        if (payment.invoiceId() != null) {
            assertId(payment.invoiceId());
        }
        assertThat(payment.paidOn()).isNotNull();
        assertAmount(payment.amount());
        assertThat(payment.currency()).isEqualTo("RUB");
        assertThat(payment.status()).isNotNull();
    }

    private static void assertAmount(BigDecimal amount) {
        assertThat(amount).isNotNull().isPositive();
        assertThat(amount.scale()).isEqualTo(2);
        assertThat(amount.precision() - amount.scale()).isLessThanOrEqualTo(RowValues.MAX_INTEGER_DIGITS);
    }

    private static void assertId(String id) {
        assertThat(id).isNotNull().isNotBlank().hasSizeLessThanOrEqualTo(64).isEqualTo(id.strip());
        assertThat(id.chars()).noneMatch(Character::isISOControl).doesNotContain((int) '\uFFFD');
    }

    private static void assertText(String text, int maxLength) {
        if (text == null) {
            return;
        }
        assertThat(text).hasSizeLessThanOrEqualTo(maxLength).isEqualTo(text.strip()).doesNotContain("\uFFFD");
        assertThat(text.chars()).noneMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r');
    }

    private static List<String> columnsOf(RegistryKind kind) {
        return switch (kind) {
            case CUSTOMERS -> List.of("customer_id", "name", "group", "email", "phone", "locale", "address");
            case INVOICES -> List.of("invoice_id", "customer_id", "contract", "due_on", "amount", "currency");
            case PAYMENTS -> List.of("payment_id", "customer_id", "invoice_id", "paid_on", "amount", "currency", "status");
        };
    }

    // ---- generators ----

    /** A registry every row of which is good, as text. */
    record Registry(RegistryKind kind, String text, int rows) {
    }

    @Provide
    Arbitrary<Registry> goodRegistries() {
        return Arbitraries.of(RegistryKind.class).flatMap(kind -> goodRow(kind).list().ofMinSize(0).ofMaxSize(30)
                .map(rows -> new Registry(kind, String.join(",", columnsOf(kind)) + "\n"
                        + String.join("", rows.stream().map(row -> row + "\n").toList()), rows.size())));
    }

    private static Arbitrary<String> goodRow(RegistryKind kind) {
        Arbitrary<String> id = Arbitraries.strings().withCharRange('A', 'Z').withCharRange('0', '9').withChars('-', '/')
                .ofMinLength(1).ofMaxLength(20).filter(value -> !value.startsWith("-"));
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').withCharRange('А', 'я').withChars(' ', 'ё', '\'')
                .ofMinLength(1).ofMaxLength(40).map(String::strip).filter(value -> !value.isEmpty());
        Arbitrary<String> amount = Combinators.combine(Arbitraries.longs().between(0, 999_999_999_999L), Arbitraries.integers().between(0, 99))
                .as((units, cents) -> units == 0 && cents == 0 ? "0.01" : units + "." + "%02d".formatted(cents));
        Arbitrary<String> date = Arbitraries.integers().between(0, 3000)
                .map(days -> java.time.LocalDate.of(2024, 1, 1).plusDays(days).toString());
        return switch (kind) {
            case CUSTOMERS -> Combinators.combine(id, name, Arbitraries.of(GROUPS), Arbitraries.of("", "ivan@example.org"),
                    Arbitraries.of("", "+7 900 000-00-01"), Arbitraries.of("", "ru", "EN"), Arbitraries.of("", "\"ul. Lenina 1, kv. 5\""))
                    .as((i, n, g, e, ph, l, a) -> String.join(",", i, n, g, e, ph, l, a));
            case INVOICES -> Combinators.combine(id, id, Arbitraries.of("", "K-1"), date, amount, Arbitraries.of("", "RUB", "rub"))
                    .as((i, c, k, d, a, cur) -> String.join(",", i, c, k, d, a, cur));
            case PAYMENTS -> Combinators.combine(id, id, Arbitraries.of("", "INV-1"), date, amount, Arbitraries.of("", "RUB"),
                    Arbitraries.of("", "confirmed", "unconfirmed"))
                    .as((i, c, inv, d, a, cur, s) -> String.join(",", i, c, inv, d, a, cur, s));
        };
    }

    /** One change to a file's bytes. */
    interface Mutation {

        byte[] apply(byte[] bytes);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<byte[]> inserted = Arbitraries.oneOf(
                Arbitraries.of("\"", ",", "\n", "\r", "\r\n", "\u0000", "\uFEFF", "\uFFFD", "=", "-", "\t", "\"\"", ",,,,", "9".repeat(30), ".")
                        .map(text -> text.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8));
        Arbitrary<Mutation> insert = Combinators.combine(at, inserted).as((position, piece) -> bytes -> {
            int p = position % (bytes.length + 1);
            byte[] out = new byte[bytes.length + piece.length];
            System.arraycopy(bytes, 0, out, 0, p);
            System.arraycopy(piece, 0, out, p, piece.length);
            System.arraycopy(bytes, p, out, p + piece.length, bytes.length - p);
            return out;
        });
        Arbitrary<Mutation> delete = Combinators.combine(at, Arbitraries.integers().between(1, 20)).as((position, length) -> bytes -> {
            if (bytes.length == 0) {
                return bytes;
            }
            int p = position % bytes.length;
            int n = Math.min(length, bytes.length - p);
            byte[] out = new byte[bytes.length - n];
            System.arraycopy(bytes, 0, out, 0, p);
            System.arraycopy(bytes, p + n, out, p, bytes.length - p - n);
            return out;
        });
        Arbitrary<Mutation> overwrite = Combinators.combine(at, Arbitraries.bytes()).as((position, value) -> bytes -> {
            if (bytes.length == 0) {
                return bytes;
            }
            byte[] out = bytes.clone();
            out[position % bytes.length] = value;
            return out;
        });
        Arbitrary<Mutation> truncate = at.map(position -> bytes -> java.util.Arrays.copyOf(bytes, position % (bytes.length + 1)));
        Arbitrary<Mutation> duplicate = Combinators.combine(at, Arbitraries.integers().between(1, 200)).as((position, length) -> bytes -> {
            if (bytes.length == 0) {
                return bytes;
            }
            int p = position % bytes.length;
            int n = Math.min(length, bytes.length - p);
            byte[] out = new byte[bytes.length + n];
            System.arraycopy(bytes, 0, out, 0, p + n);
            System.arraycopy(bytes, p, out, p + n, bytes.length - p);
            return out;
        });
        return Arbitraries.oneOf(insert, delete, overwrite, truncate, duplicate).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(600),
                Arbitraries.strings().withChars("\",\r\n\t =+-@.0123456789eE;\u0000\uFEFFабвABC").ofMaxLength(600));
    }

    @Provide
    Arbitrary<Charset> charsets() {
        return Arbitraries.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16,
                WINDOWS_1251, StandardCharsets.ISO_8859_1);
    }

    @Provide
    Arbitrary<Charset> readableCharsets() {
        return Arbitraries.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16);
    }

    @Provide
    Arbitrary<String> amounts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789.-+eE, ").ofMinLength(1).ofMaxLength(30),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e20"), new BigDecimal("1e20")).ofScale(3).map(BigDecimal::toPlainString),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("1e18")).ofScale(2).map(BigDecimal::toPlainString),
                Arbitraries.strings().numeric().ofMinLength(15).ofMaxLength(60));
    }
}
