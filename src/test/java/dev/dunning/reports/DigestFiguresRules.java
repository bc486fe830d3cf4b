package dev.dunning.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.ledger.FreezeRequest;
import dev.dunning.ledger.Freezes;
import dev.dunning.ledger.ImportReport;
import dev.dunning.ledger.RegistryImport;
import dev.dunning.ledger.RegistryKind;

/**
 * The digest's figures against a ledger worked out by hand over two evaluation days: the clock moves to the 06:00
 * evaluation of day one, money moves during that day, and the digest of day two shows day two's picture, its change
 * since day one, and what happened on day one. The customers live in a building of their own, and the digest is
 * narrowed to it, so that other tests' customers in the shared application do not count.
 */
abstract class DigestFiguresRules {

    @Autowired
    DigestFigures figures;
    @Autowired
    RegistryImport registries;
    @Autowired
    Freezes freezes;
    @Autowired
    BusinessClock clock;
    @Autowired
    BusinessTime time;
    @Autowired
    JdbcClient jdbc;

    private final String p = "DG" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final String building = p + "building";

    @Test
    void theDigestShowsTheDaysPictureWhatChangedSinceTheEvaluationBeforeAndWhatHappenedYesterday() {
        LocalDate dayOne = nextEvaluationDay();
        // individual-standard: 5 days of grace, cases from 300.00; business-standard: 10 days, from 1,000.00
        String a = customer("A", "individual");
        String b = customer("B", "business");
        String c = customer("C", "individual");
        String e = customer("E", "individual");
        invoice("A1", a, "water", null, dayOne.minusDays(40), "1000.00");
        invoice("B1", b, "heating", null, dayOne.minusDays(70), "1200.00");
        invoice("C1", c, "water", null, dayOne.plusDays(10), "200.00");
        invoice("E1", e, "water", dayOne.minusDays(40), dayOne.minusDays(30), "500.00");

        time.moveTo(dayOne.atTime(LocalTime.of(6, 5)).atZone(clock.getZone()).toInstant());

        // Day one: A promises 300.00 and pays 400.00 (kept); B promises 100.00 and pays nothing (broken); E pays all
        // (their case is settled); C is billed 50.00, overdue 10 days already.
        freezes.add(a, new FreezeRequest("promise", new BigDecimal("300.00"), dayOne, null, "will pay"), "collector");
        freezes.add(b, new FreezeRequest("promise", new BigDecimal("100.00"), dayOne, null, "will pay"), "collector");
        payment("PA", a, dayOne, "400.00");
        payment("PE", e, dayOne, "500.00");
        invoice("C2", c, "water", dayOne, dayOne.minusDays(10), "50.00");
        notice(c, "fax", "sent", dayOne.atTime(9, 0), dayOne.atTime(9, 1));
        notice(c, "fax", "failed", dayOne.atTime(10, 0), null);
        notice(c, "fax", "sent", dayOne.minusDays(1).atTime(10, 0), dayOne.minusDays(1).atTime(10, 1));

        LocalDate dayTwo = dayOne.plusDays(1);
        time.moveTo(dayTwo.atTime(LocalTime.of(6, 5)).atZone(clock.getZone()).toInstant());

        Digest digest = figures.of(dayTwo, new PictureFilter(null, null, building, null));

        assertThat(digest.pictureDay()).isEqualTo(dayTwo);
        assertThat(digest.previousDay()).isEqualTo(dayOne);
        // Day two: A 600.00 (41 days overdue), B 1,200.00 (71 days), C 50.00 (11 days) and 200.00 not due; E nothing.
        // Day one was A 1,000.00 (40 days), B 1,200.00 (70), E 500.00 (30), C 200.00 not due.
        Digest.Picture picture = digest.picture();
        assertAmount(picture.realDebt(), "1850.00");
        assertAmount(picture.conditionalDebt(), "1850.00");
        assertThat(picture.debtors()).isEqualTo(3);
        assertThat(picture.customers()).isEqualTo(3);
        assertAmount(picture.buckets().get("not_due"), "200.00");
        assertAmount(picture.buckets().get("overdue_1_30"), "50.00");
        assertAmount(picture.buckets().get("overdue_31_60"), "600.00");
        assertAmount(picture.buckets().get("overdue_61_90"), "1200.00");
        assertAmount(picture.buckets().get("overdue_over_180"), "0.00");

        Digest.Picture change = digest.change();
        assertAmount(change.realDebt(), "-850.00");
        assertAmount(change.conditionalDebt(), "-850.00");
        assertThat(change.debtors()).as("E left, C came").isZero();
        assertThat(change.customers()).isEqualTo(-1);
        assertAmount(change.buckets().get("not_due"), "0.00");
        assertAmount(change.buckets().get("overdue_1_30"), "-450.00");
        assertAmount(change.buckets().get("overdue_31_60"), "-400.00");
        assertAmount(change.buckets().get("overdue_61_90"), "0.00");

        assertThat(digest.groups()).extracting(Digest.GroupLine::group).containsExactly("business", "individual");
        Digest.GroupLine individual = digest.groups().get(1);
        assertAmount(individual.picture().realDebt(), "650.00");
        assertAmount(individual.change().realDebt(), "-850.00");
        assertThat(individual.picture().debtors()).isEqualTo(2);
        assertAmount(digest.groups().get(0).change().realDebt(), "0.00");

        // Only C2 was issued on day one; the older invoices count on dates before the month, C1 on its due date to come.
        assertAmount(digest.collections().collectedYesterday(), "900.00");
        assertAmount(digest.collections().chargedYesterday(), "50.00");
        assertAmount(digest.collections().collectedInMonth(), "900.00");
        assertAmount(digest.collections().chargedInMonth(), "50.00");
        assertAmount(digest.collections().monthRate(), "1800.00");

        assertThat(digest.cases().openedYesterday()).as("A, B and E got cases at day one's evaluation").isEqualTo(3);
        assertThat(digest.cases().settledYesterday()).as("E paid everything").isEqualTo(1);
        assertThat(digest.cases().inWork()).as("C owes less than the plan's minimum").isEqualTo(2);
        assertThat(digest.casesByStage().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
        assertThat(digest.casesByStage()).containsKeys(Digest.STAGES.toArray(String[]::new));

        assertThat(digest.promises().due()).isEqualTo(2);
        assertThat(digest.promises().kept()).isEqualTo(1);
        assertThat(digest.promises().broken()).isEqualTo(1);

        assertThat(digest.notices()).filteredOn(line -> line.channel().equals("fax"))
                .containsExactly(new Digest.ChannelLine("fax", 1, 1));
    }

    @Test
    void withoutAnEvaluationBeforeTheChangeIsTheWholePictureAndAnEmptyPartOfThePictureIsZero() {
        Digest digest = figures.of(LocalDate.of(1999, 1, 2), PictureFilter.ALL);

        assertThat(digest.pictureDay()).isNull();
        assertThat(digest.picture()).isEqualTo(Digest.Picture.NONE);
        assertThat(digest.change()).isEqualTo(Digest.Picture.NONE);
        assertThat(digest.groups()).isEmpty();
        assertThat(digest.collections().monthRate()).as("nothing charged, no rate").isNull();

        Digest nobody = figures.of(clock.today(), new PictureFilter(null, null, p + "nowhere", null));
        assertAmount(nobody.picture().realDebt(), "0.00");
        assertThat(nobody.cases()).isEqualTo(new Digest.Cases(0, 0, 0));
        assertThat(nobody.collectorTasks()).isEqualTo(new Digest.Tasks(0, 0));
    }

    /** The first day whose 06:00 evaluation is still ahead. */
    private LocalDate nextEvaluationDay() {
        LocalDate today = clock.today();
        Instant sixToday = today.atTime(6, 0).atZone(clock.getZone()).toInstant();
        return clock.now().isBefore(sixToday) ? today : today.plusDays(1);
    }

    private String customer(String name, String group) {
        String id = p + name;
        load(RegistryKind.CUSTOMERS, "customer_id,name,group,building\n%s,Customer %s,%s,%s\n"
                .formatted(id, name, group, building));
        return id;
    }

    private void invoice(String id, String customer, String service, LocalDate issuedOn, LocalDate dueOn, String amount) {
        load(RegistryKind.INVOICES, "invoice_id,customer_id,service,issued_on,due_on,amount\n%s,%s,%s,%s,%s,%s\n"
                .formatted(p + id, customer, service, issuedOn == null ? "" : issuedOn, dueOn, amount));
    }

    private void payment(String id, String customer, LocalDate paidOn, String amount) {
        load(RegistryKind.PAYMENTS, "payment_id,customer_id,paid_on,amount,status\n%s,%s,%s,%s,confirmed\n"
                .formatted(p + id, customer, paidOn, amount));
    }

    /** A notice as the outbox leaves it, by a channel of the test's own. */
    private void notice(String customer, String channel, String status, java.time.LocalDateTime createdAt,
            java.time.LocalDateTime sentAt) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO notice (notice_id, customer_id, channel, template, locale, body, created_at)
                VALUES (:id, :customer, :channel, 'first-reminder', 'en', 'text', :created)""")
                .param("id", id).param("customer", customer).param("channel", channel)
                .param("created", createdAt.atZone(clock.getZone()).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC))
                .update();
        jdbc.sql("""
                INSERT INTO notice_delivery (notice_id, created_seq, status, attempts, sent_at)
                SELECT notice_id, created_seq, :status, 1, :sent FROM notice WHERE notice_id = :id""")
                .param("id", id).param("status", status)
                .param("sent", sentAt == null ? null
                        : sentAt.atZone(clock.getZone()).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC))
                .update();
    }

    private void load(RegistryKind kind, String csv) {
        ImportReport report = registries.importCsv(kind, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(report.errors()).as("import errors of " + csv).isEmpty();
    }

    private static void assertAmount(BigDecimal actual, String expected) {
        assertThat(actual).isEqualByComparingTo(expected);
    }

}
