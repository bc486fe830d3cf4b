package dev.dunning.upcoming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.support.Api;
import dev.dunning.support.DunningTest;

/**
 * Reminders before a payment is due, run through weeks of business time on the shipped plan
 * {@code upcoming-payment}: reminders 7 and 3 days before the due date and on the day, at 10:00 in the
 * company's zone (UTC in tests), started by the daily evaluation at 06:00.
 */
@DunningTest
class UpcomingPaymentProcessTest {

    /** The Russian thousands separator: a no-break space, narrow in newer JDKs' locale data. */
    private static final String GROUPING = "[\u00a0\u202f]";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    BusinessTime time;
    @Autowired
    BusinessClock clock;
    @Autowired
    RuntimeService runtime;

    private final String p = "U" + UUID.randomUUID().toString().substring(0, 8) + "-";

    private Api admin() {
        return Api.as(rest, "admin");
    }

    @Test
    void anInvoiceIsRemindedSevenAndThreeDaysBeforeItsDateAndOnTheDayAtTenInTheCustomersLanguage() {
        String c = customer("RU", "individual", "ru");
        LocalDate dueOn = clock.today().plusDays(18);
        invoice(c, dueOn, "1250.50");

        moveTo(dueOn.minusDays(8), 12, 0);
        assertThat(upcomingNotices(c)).as("eight days before, the plan has not started").isEmpty();
        assertThat(reminderProcess(c, dueOn)).isZero();

        moveTo(dueOn.minusDays(7), 9, 59);
        assertThat(reminderProcess(c, dueOn)).as("started by the 06:00 evaluation").isEqualTo(1);
        assertThat(upcomingNotices(c)).as("reminders go at the plan's hour").isEmpty();

        moveTo(dueOn.minusDays(7), 10, 0);
        List<Map<String, Object>> notices = upcomingNotices(c);
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0)).containsEntry("template", "upcoming-payment").containsEntry("locale", "ru")
                .containsEntry("createdAt", at(dueOn.minusDays(7), 10, 0).toString());
        assertThat((String) notices.get(0).get("subject")).startsWith("Срок оплаты через 7 дней");
        assertThat((String) notices.get(0).get("body")).containsPattern("через 7 дней, \\d+ марта|через 7 дней, \\d+ \\p{L}+ 20\\d\\d")
                .containsPattern("1" + GROUPING + "250,50 RUB");

        moveTo(dueOn.minusDays(3), 10, 0);
        assertThat(upcomingNotices(c)).hasSize(2);
        assertThat((String) upcomingNotices(c).get(0).get("body")).contains("через 3 дня");
        assertThat(upcomingNotices(c).get(0)).containsEntry("createdAt", at(dueOn.minusDays(3), 10, 0).toString());

        moveTo(dueOn, 10, 0);
        notices = upcomingNotices(c);
        assertThat(notices).extracting(notice -> notice.get("template"))
                .containsExactly("payment-due-today", "upcoming-payment", "upcoming-payment");
        assertThat(notices.get(0)).containsEntry("createdAt", at(dueOn, 10, 0).toString());
        assertThat((String) notices.get(0).get("body")).startsWith("Здравствуйте, Test RU!").contains("Сегодня, ");
        assertThat(reminderProcess(c, dueOn)).as("the plan ends on the due day").isZero();
    }

    @Test
    void remindersAreNoCases() {
        String c = customer("NOCASE", "individual", "en");
        LocalDate dueOn = clock.today().plusDays(5);
        invoice(c, dueOn, "700.00");

        admin().post("/api/admin/evaluate", Map.of());
        moveTo(dueOn.minusDays(3), 10, 0);

        assertThat(upcomingNotices(c)).isNotEmpty().allSatisfy(notice -> assertThat(notice.get("caseId")).isNull());
        assertThat(reminderProcess(c, dueOn)).isEqualTo(1);
        assertThat(admin().get("/api/customers/" + c)).doesNotContainKey("case");
        assertThat(admin().list("/api/customers/" + c + "/cases")).isEmpty();
        assertThat(admin().list("/api/cases?limit=1000")).noneMatch(each -> c.equals(each.get("customerId")));
    }

    @Test
    void payingBeforeTheSecondReminderStopsTheRest() {
        String c = customer("PAYS", "individual", "en");
        LocalDate dueOn = clock.today().plusDays(12);
        invoice(c, dueOn, "900.00");
        moveTo(dueOn.minusDays(7), 10, 0);
        assertThat(upcomingNotices(c)).hasSize(1);
        assertThat((String) upcomingNotices(c).get(0).get("body")).contains("900.00 RUB is due on")
                .contains(english(dueOn) + ", in 7 days");

        moveTo(dueOn.minusDays(5), 12, 0);
        pay(c, "900.00");
        assertThat(reminderProcess(c, dueOn)).as("a payment does not touch the plan; it ends at its next step")
                .isEqualTo(1);

        moveTo(dueOn.plusDays(1), 12, 0);
        assertThat(upcomingNotices(c)).hasSize(1);
        assertThat(reminderProcess(c, dueOn)).isZero();
    }

    @Test
    void aPartPaymentLeavesTheRestToBeReminded() {
        String c = customer("PART", "individual", "en");
        LocalDate dueOn = clock.today().plusDays(10);
        invoice(c, dueOn, "1000.00");
        moveTo(dueOn.minusDays(5), 12, 0);
        pay(c, "400.00");

        moveTo(dueOn.minusDays(3), 10, 0);

        assertThat((String) upcomingNotices(c).get(0).get("body")).contains("600.00 RUB is due on");
    }

    @Test
    void anInstallmentScheduleWithThreeDatesIsRemindedOfEachDate() {
        String c = customer("INST", "individual", "en");
        LocalDate today = clock.today();
        invoice(c, today.minusDays(40), "3000.00");
        for (int n = 1; n <= 3; n++) {
            admin().post("/api/customers/" + c + "/freezes", Map.of("kind", "installment", "amount", "1000.00",
                    "until", today.plusDays(10L * n).toString(), "reason", "installment " + n + " of 3"));
        }

        for (int n = 1; n <= 3; n++) {
            LocalDate dueOn = today.plusDays(10L * n);
            moveTo(dueOn, 10, 0);
            assertThat(admin().get("/api/customers/" + c)).as("the installments keep the debt out of collection")
                    .doesNotContainKey("case");
            assertThat(upcomingNotices(c)).as("reminders of installment " + n).hasSize(3 * n);
            assertThat(upcomingNotices(c).get(0)).containsEntry("template", "payment-due-today");
            assertThat((String) upcomingNotices(c).get(0).get("body")).contains("Today, " + english(dueOn) + ", 1,000.00 RUB");
            moveTo(dueOn, 12, 0);
            pay(c, "1000.00");
        }
        assertThat(upcomingNotices(c)).extracting(notice -> notice.get("template")).containsExactly(
                "payment-due-today", "upcoming-payment", "upcoming-payment",
                "payment-due-today", "upcoming-payment", "upcoming-payment",
                "payment-due-today", "upcoming-payment", "upcoming-payment");
    }

    @Test
    void aCustomerWithAnOpenCaseGetsNoRemindersBeforeADueDate() {
        String c = customer("INCASE", "individual", "en");
        invoice(c, clock.today().minusDays(10), "2000.00");
        LocalDate dueOn = clock.today().plusDays(5);
        invoice(c, dueOn, "500.00");

        admin().post("/api/admin/evaluate", Map.of());
        assertThat(admin().get("/api/customers/" + c)).containsKey("case");
        assertThat(reminderProcess(c, dueOn)).as("not started").isZero();

        moveTo(dueOn, 12, 0);
        assertThat(reminderProcess(c, dueOn)).isZero();
        assertThat(upcomingNotices(c)).isEmpty();
        assertThat(templates(c)).contains("first-reminder");
    }

    @Test
    void aCaseOpenedWhileRemindersRunEndsThem() {
        String c = customer("LATER", "individual", "en");
        LocalDate today = clock.today();
        LocalDate dueOn = today.plusDays(8);
        invoice(c, dueOn, "500.00");
        invoice(c, today.minusDays(3), "800.00");

        moveTo(today.plusDays(1), 10, 0);
        assertThat(upcomingNotices(c)).hasSize(1);

        moveTo(today.plusDays(3), 12, 0);
        assertThat(admin().get("/api/customers/" + c)).as("the older invoice is past its 5 days of grace")
                .containsKey("case");

        moveTo(dueOn, 12, 0);
        assertThat(upcomingNotices(c)).hasSize(1);
        assertThat(reminderProcess(c, dueOn)).isZero();
    }

    @Test
    void aPaymentBilledTheDayBeforeItIsDueIsRemindedOnceThatDayAndOnceOnTheDay() {
        String c = customer("LATE", "individual", "en");
        LocalDate dueOn = clock.today().plusDays(3);
        moveTo(dueOn.minusDays(1), 7, 0);
        invoice(c, dueOn, "300.00");

        admin().post("/api/admin/evaluate", Map.of());
        moveTo(dueOn.minusDays(1), 10, 0);
        assertThat(upcomingNotices(c)).hasSize(1);
        assertThat((String) upcomingNotices(c).get(0).get("subject")).startsWith("Payment due tomorrow");

        moveTo(dueOn.plusDays(1), 12, 0);
        assertThat(upcomingNotices(c)).extracting(notice -> notice.get("template"))
                .containsExactly("payment-due-today", "upcoming-payment");
    }

    @Test
    void twoEvaluationsOnOneDayStartOneReminderPerCustomerAndDate() {
        String c = customer("TWICE", "individual", "en");
        LocalDate dueOn = clock.today().plusDays(4);
        invoice(c, dueOn, "100.00");
        invoice(c, dueOn, "200.00");

        admin().post("/api/admin/evaluate", Map.of());
        Map<String, Object> second = admin().post("/api/admin/evaluate", Map.of());

        assertThat(second).containsEntry("remindersStarted", 0);
        assertThat(reminderProcess(c, dueOn)).isEqualTo(1);
    }

    @Test
    void aPublicBodyGetsNoRemindersAndABusinessDoes() {
        String body = customer("PUB", "public", "en");
        String company = customer("BIZ", "business", "en");
        LocalDate dueOn = clock.today().plusDays(5);
        invoice(body, dueOn, "50000.00");
        invoice(company, dueOn, "50000.00");

        admin().post("/api/admin/evaluate", Map.of());

        assertThat(reminderProcess(body, dueOn)).isZero();
        assertThat(reminderProcess(company, dueOn)).isEqualTo(1);
    }

    @Test
    void theThankYouNamesTheNextDueDate() {
        String c = customer("THANKS", "individual", "en");
        invoice(c, clock.today().minusDays(10), "1200.00");
        LocalDate next = clock.today().plusDays(20);
        invoice(c, next, "800.00");
        admin().post("/api/admin/evaluate", Map.of());
        assertThat(admin().get("/api/customers/" + c)).containsKey("case");

        pay(c, "1200.00");

        Map<String, Object> thanks = admin().list("/api/notifications?customer=" + c).get(0);
        assertThat(thanks).containsEntry("template", "thank-you");
        assertThat((String) thanks.get("body")).contains("Your next payment of 800.00 RUB is due on " + english(next) + ".");
    }

    // --- support ------------------------------------------------------------------------------

    private String customer(String name, String group, String locale) {
        String id = p + name;
        admin().importCsv("customers", """
                customer_id,name,group,email,phone,locale
                %s,Test %s,%s,%s@example.org,+70000000000,%s
                """.formatted(id, name, group, id.toLowerCase(), locale));
        return id;
    }

    private void invoice(String customer, LocalDate dueOn, String amount) {
        Map<String, Object> report = admin().importCsv("invoices", """
                invoice_id,customer_id,due_on,amount
                %s,%s,%s,%s
                """.formatted(customer + "-" + UUID.randomUUID().toString().substring(0, 6), customer, dueOn, amount));
        assertThat(report).containsEntry("accepted", 1);
    }

    private void pay(String customer, String amount) {
        admin().post("/api/payments", Map.of("paymentId", customer + "-" + UUID.randomUUID().toString().substring(0, 6),
                "customerId", customer, "paidOn", clock.today().toString(), "amount", amount));
    }

    /** Reminders before a due date, newest first. */
    private List<Map<String, Object>> upcomingNotices(String customer) {
        return admin().list("/api/notifications?customer=" + customer).stream()
                .filter(notice -> List.of("upcoming-payment", "payment-due-today").contains(notice.get("template")))
                .toList();
    }

    private List<Object> templates(String customer) {
        return admin().list("/api/notifications?customer=" + customer).stream().map(notice -> notice.get("template"))
                .toList();
    }

    /** How many running reminder processes there are for this customer and date. */
    private long reminderProcess(String customer, LocalDate dueOn) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey("upcoming:" + customer + ":" + dueOn)
                .count();
    }

    private void moveTo(LocalDate day, int hour, int minute) {
        time.moveTo(at(day, hour, minute));
    }

    private Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(clock.getZone()).toInstant();
    }

    private static String english(LocalDate date) {
        return date.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.ENGLISH));
    }
}
