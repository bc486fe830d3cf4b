package dev.dunning.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reminders before a due date, and the thank-you that names the next date, as customers read them. */
class UpcomingPaymentTemplatesTest {

    private static final String GROUPING = "[\u00a0\u202f]";
    private static final String DATE_SPACE = "[ \u00a0\u202f]";

    @TempDir
    Path home;

    private static Map<String, Object> reminder(long daysLeft) {
        Map<String, Object> model = new HashMap<>();
        model.put("customerName", "Иван Петров");
        model.put("currency", "RUB");
        model.put("companyName", "Dunning demo");
        model.put("today", LocalDate.of(2026, 3, 13).plusDays(7 - daysLeft));
        model.put("dueOn", LocalDate.of(2026, 3, 20));
        model.put("amountDue", new BigDecimal("1250.5"));
        model.put("daysLeft", daysLeft);
        return model;
    }

    @Test
    void theRussianReminderSaysWhenHowMuchIsDue() {
        var notice = TestSettings.templates(home).render("ru", "upcoming-payment", reminder(7));

        assertThat(notice.subject()).isEqualTo("Срок оплаты через 7 дней — Dunning demo");
        assertThat(notice.body())
                .startsWith("Здравствуйте, Иван Петров!")
                .containsPattern("Напоминаем: через 7 дней, 20 марта 2026" + DATE_SPACE + "г\\., наступает срок оплаты 1"
                        + GROUPING + "250,50 RUB\\.")
                .contains("Если вы уже оплатили, спасибо")
                .endsWith("Dunning demo");
    }

    @ParameterizedTest(name = "{0} days: {1}")
    @CsvSource({"0, сегодня", "1, завтра", "2, через 2 дня", "3, через 3 дня", "5, через 5 дней", "11, через 11 дней",
            "21, через 21 день", "22, через 22 дня", "14, через 14 дней"})
    void theRussianReminderCountsTheDaysInGoodRussian(long daysLeft, String when) {
        var notice = TestSettings.templates(home).render("ru", "upcoming-payment", reminder(daysLeft));

        assertThat(notice.subject()).isEqualTo("Срок оплаты " + when + " — Dunning demo");
        assertThat(notice.body()).contains("Напоминаем: " + when + ", 20 марта");
    }

    @Test
    void theEnglishReminderSaysWhenHowMuchIsDue() {
        Map<String, Object> model = reminder(3);
        model.put("customerName", "John Smith");

        var notice = TestSettings.templates(home).render("en", "upcoming-payment", model);

        assertThat(notice.subject()).isEqualTo("Payment due in 3 days: a reminder from Dunning demo");
        assertThat(notice.body())
                .startsWith("Dear John Smith,")
                .contains("A friendly reminder: 1,250.50 RUB is due on March 20, 2026, in 3 days.")
                .contains("If you have already paid, thank you")
                .endsWith("Dunning demo");
        assertThat(TestSettings.templates(home).render("en", "upcoming-payment", reminder(1)).subject())
                .startsWith("Payment due tomorrow");
    }

    @Test
    void onTheDueDayTheReminderSaysToday() {
        Map<String, Object> model = reminder(0);

        assertThat(TestSettings.templates(home).render("ru", "payment-due-today", model).body())
                .containsPattern("Сегодня, 20 марта 2026" + DATE_SPACE + "г\\., наступает срок оплаты 1" + GROUPING
                        + "250,50 RUB\\.");
        model.put("customerName", "John Smith");
        var english = TestSettings.templates(home).render("en", "payment-due-today", model);
        assertThat(english.subject()).isEqualTo("Payment due today: a reminder from Dunning demo");
        assertThat(english.body()).contains("Today, March 20, 2026, 1,250.50 RUB is due. If you have not paid yet,"
                + " please pay today.");
    }

    @Test
    void theThankYouNamesTheNextDueDateOnlyWhenThereIsOne() {
        Map<String, Object> model = new HashMap<>();
        model.put("customerName", "John Smith");
        model.put("currency", "RUB");
        model.put("companyName", "Dunning demo");
        model.put("nextDueOn", LocalDate.of(2026, 4, 15));
        model.put("nextAmountDue", new BigDecimal("800"));

        assertThat(TestSettings.templates(home).render("en", "thank-you", model).body())
                .contains("no further reminders about it.\n\nYour next payment of 800.00 RUB is due on April 15, 2026.\n\n"
                        + "We look forward");
        assertThat(TestSettings.templates(home).render("ru", "thank-you", model).body())
                .containsPattern("Срок следующего платежа на сумму 800,00 RUB: 15 апреля 2026" + DATE_SPACE + "г\\.\n\n"
                        + "Будем рады");

        model.remove("nextDueOn");
        model.remove("nextAmountDue");
        assertThat(TestSettings.templates(home).render("en", "thank-you", model).body())
                .doesNotContain("next payment").contains("about it.\n\nWe look forward");
        assertThat(TestSettings.templates(home).render("ru", "thank-you", model).body())
                .doesNotContain("следующего").doesNotContain("\n\n\n");
    }
}
