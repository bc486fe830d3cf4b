package dev.dunning.installments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dunning.installments.InvalidInstallmentException.FieldError;

/** How a proposal becomes a schedule, and every reason it cannot. */
class InstallmentCalculatorTest {

    private static final InstallmentProperties TERMS = new InstallmentProperties(3, Period.ofDays(90), 24,
            Period.ofYears(2), Period.ofDays(30));
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    private static final BigDecimal DEBT = new BigDecimal("50000.00");

    private static InstallmentSchedule schedule(String amount, int payments, LocalDate first, Period interval) {
        return schedule(amount, payments, first, interval, TODAY);
    }

    private static InstallmentSchedule schedule(String amount, Integer payments, LocalDate first, Period interval,
            LocalDate today) {
        return InstallmentCalculator.schedule(new InstallmentProposal(amount == null ? null : new BigDecimal(amount),
                payments, first, interval, null), TERMS, today, DEBT);
    }

    private static List<FieldError> errorsOf(Runnable making) {
        try {
            making.run();
        } catch (InvalidInstallmentException e) {
            return e.errors();
        }
        throw new AssertionError("the schedule was made");
    }

    private static List<BigDecimal> amounts(InstallmentSchedule schedule) {
        return schedule.schedule().stream().map(Installment::amount).toList();
    }

    private static List<LocalDate> dates(InstallmentSchedule schedule) {
        return schedule.schedule().stream().map(Installment::dueOn).toList();
    }

    @Test
    void equalPartsRoundedDownToTheCentWithTheRemainderOnTheLastPayment() {
        InstallmentSchedule thirds = schedule("1000.00", 3, TODAY.plusDays(5), null);

        assertThat(amounts(thirds)).containsExactly(new BigDecimal("333.33"), new BigDecimal("333.33"),
                new BigDecimal("333.34"));
        assertThat(thirds.schedule()).extracting(Installment::number).containsExactly(1, 2, 3);
        assertThat(thirds.total()).isEqualByComparingTo("1000.00");
    }

    @Test
    void thePaymentsAlwaysAddUpToTheTotalExactlyAndOnlyTheLastDiffers() {
        for (String total : List.of("0.24", "0.99", "1.00", "100.01", "999.99", "1000.00", "12345.67", "50000.00")) {
            for (int payments = 1; payments <= 24; payments++) {
                InstallmentSchedule made = schedule(total, payments, TODAY, Period.ofDays(7));
                List<BigDecimal> parts = amounts(made);
                BigDecimal first = parts.get(0);
                BigDecimal last = parts.get(parts.size() - 1);

                assertThat(parts.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).as("%s in %d", total, payments)
                        .isEqualByComparingTo(total);
                assertThat(parts.subList(0, payments - 1)).as("%s in %d", total, payments)
                        .allSatisfy(part -> assertThat(part).isEqualByComparingTo(first));
                assertThat(last.subtract(first)).as("the remainder of %s in %d", total, payments)
                        .isBetween(BigDecimal.ZERO, new BigDecimal("0.01").multiply(BigDecimal.valueOf(payments - 1)));
                assertThat(parts).allSatisfy(part -> assertThat(part.scale()).isEqualTo(2));
            }
        }
    }

    @Test
    void aFewCentsCanBeSpreadAsLongAsEachPaymentIsAtLeastACent() {
        assertThat(amounts(schedule("0.05", 3, TODAY, null))).containsExactly(new BigDecimal("0.01"),
                new BigDecimal("0.01"), new BigDecimal("0.03"));
        assertThat(amounts(schedule("0.03", 3, TODAY, null))).containsOnly(new BigDecimal("0.01"));

        assertThat(errorsOf(() -> schedule("0.02", 3, TODAY, null)))
                .containsExactly(new FieldError("amount", "0.02 cannot be spread over 3 payments of at least 0.01"));
    }

    @Test
    void monthlyPaymentsKeepTheFirstDatesDayOfTheMonthAndClampItAtAShorterMonthsEnd() {
        LocalDate january31 = LocalDate.of(2027, 1, 31);

        assertThat(dates(schedule("400.00", 4, january31, null, january31))).containsExactly(january31,
                LocalDate.of(2027, 2, 28), LocalDate.of(2027, 3, 31), LocalDate.of(2027, 4, 30));
    }

    @Test
    void inALeapYearFebruaryEndsOnThe29th() {
        LocalDate january31 = LocalDate.of(2028, 1, 31);
        LocalDate january30 = LocalDate.of(2028, 1, 30);

        assertThat(dates(schedule("300.00", 3, january31, Period.ofMonths(1), january31)))
                .containsExactly(january31, LocalDate.of(2028, 2, 29), LocalDate.of(2028, 3, 31));
        assertThat(dates(schedule("300.00", 3, january30, Period.ofMonths(1), january30)))
                .containsExactly(january30, LocalDate.of(2028, 2, 29), LocalDate.of(2028, 3, 30));
    }

    @Test
    void anyIntervalMayBeGivenAndAMonthIsTheDefault() {
        LocalDate first = LocalDate.of(2026, 3, 10);

        assertThat(dates(schedule("300.00", 3, first, Period.ofDays(14)))).containsExactly(first,
                LocalDate.of(2026, 3, 24), LocalDate.of(2026, 4, 7));
        assertThat(dates(schedule("300.00", 3, first, Period.parse("P2W")))).containsExactly(first,
                LocalDate.of(2026, 3, 24), LocalDate.of(2026, 4, 7));
        InstallmentSchedule monthly = schedule("300.00", 3, first, null);
        assertThat(monthly.interval()).isEqualTo(Period.ofMonths(1));
        assertThat(dates(monthly)).containsExactly(first, LocalDate.of(2026, 4, 10), LocalDate.of(2026, 5, 10));
    }

    @Test
    void onePaymentIsTheWholeAmountOnTheFirstDate() {
        InstallmentSchedule single = schedule("777.77", 1, TODAY.plusDays(3), null);

        assertThat(single.schedule()).containsExactly(new Installment(1, TODAY.plusDays(3), new BigDecimal("777.77")));
    }

    @Test
    void atMostThreePaymentsWithTheLastWithinNinetyDaysAreTheStandardTerms() {
        assertThat(schedule("900.00", 3, TODAY, null).withinStandardTerms()).isTrue();
        assertThat(schedule("900.00", 3, TODAY.plusDays(30), Period.ofDays(30)).withinStandardTerms())
                .as("the last payment exactly 90 days after today").isTrue();

        assertThat(schedule("900.00", 4, TODAY, Period.ofDays(7)).withinStandardTerms()).as("four payments").isFalse();
        assertThat(schedule("900.00", 3, TODAY.plusDays(29), Period.ofDays(31)).withinStandardTerms())
                .as("the last payment 91 days after today").isFalse();
    }

    @Test
    void anAmountIsRequiredPositiveInCentsAndNoMoreThanTheRealDebt() {
        LocalDate first = TODAY.plusDays(1);

        assertThat(errorsOf(() -> schedule(null, 3, first, null, TODAY)))
                .containsExactly(new FieldError("amount", "is required"));
        assertThat(errorsOf(() -> schedule("0", 3, first, null)))
                .containsExactly(new FieldError("amount", "must be more than zero, not 0"));
        assertThat(errorsOf(() -> schedule("-10.00", 3, first, null)))
                .containsExactly(new FieldError("amount", "must be more than zero, not -10.00"));
        assertThat(errorsOf(() -> schedule("10.005", 3, first, null)))
                .containsExactly(new FieldError("amount", "must have at most 2 decimals, not 10.005"));
        assertThat(errorsOf(() -> schedule("50000.01", 3, first, null)))
                .containsExactly(new FieldError("amount", "must not be above the customer's real debt of 50000.00"));
        assertThat(errorsOf(() -> InstallmentCalculator.schedule(new InstallmentProposal(new BigDecimal("10.00"), 1,
                first, null, null), TERMS, TODAY, new BigDecimal("0.00"))))
                .containsExactly(new FieldError("amount",
                        "cannot be spread: the customer has no real debt (nothing overdue past the grace period)"));

        assertThat(amounts(schedule("10.500", 1, first, null))).as("trailing zeros are no decimals")
                .containsExactly(new BigDecimal("10.50"));
        assertThat(amounts(schedule("50000.00", 1, first, null))).as("the whole real debt")
                .containsExactly(new BigDecimal("50000.00"));
    }

    @Test
    void thereAreOneToTheMaximumNumberOfPayments() {
        assertThat(errorsOf(() -> schedule("100.00", null, TODAY, null, TODAY)))
                .containsExactly(new FieldError("payments", "is required"));
        assertThat(errorsOf(() -> schedule("100.00", 0, TODAY, null)))
                .containsExactly(new FieldError("payments", "must be from 1 to 24, not 0"));
        assertThat(errorsOf(() -> schedule("100.00", 25, TODAY, null)))
                .containsExactly(new FieldError("payments", "must be from 1 to 24, not 25"));
        assertThat(schedule("100.00", 24, TODAY, Period.ofDays(7)).schedule()).hasSize(24);
    }

    @Test
    void theFirstPaymentIsDueFromTodayUpToTheSettingsLimit() {
        assertThat(errorsOf(() -> schedule("100.00", 2, null, null, TODAY)))
                .containsExactly(new FieldError("firstDueOn", "is required"));
        assertThat(errorsOf(() -> schedule("100.00", 2, TODAY.minusDays(1), null)))
                .containsExactly(new FieldError("firstDueOn", "must not be before today, 2026-03-02, not 2026-03-01"));
        assertThat(errorsOf(() -> schedule("100.00", 2, TODAY.plusDays(31), null)))
                .containsExactly(new FieldError("firstDueOn",
                        "must be at most P30D after today: 2026-04-01 at the latest, not 2026-04-02"));
        assertThat(dates(schedule("100.00", 2, TODAY.plusDays(30), null))).startsWith(LocalDate.of(2026, 4, 1));
    }

    @Test
    void theIntervalIsAPositivePeriod() {
        assertThat(errorsOf(() -> schedule("100.00", 2, TODAY, Period.ZERO)))
                .containsExactly(new FieldError("interval", "must be a positive period such as P1M or P14D, not P0D"));
        assertThat(errorsOf(() -> schedule("100.00", 2, TODAY, Period.ofDays(-7))))
                .containsExactly(new FieldError("interval", "must be a positive period such as P1M or P14D, not P-7D"));
        assertThat(errorsOf(() -> schedule("100.00", 2, TODAY, Period.of(0, 1, -5))))
                .containsExactly(new FieldError("interval", "must be a positive period such as P1M or P14D, not P1M-5D"));
    }

    @Test
    void theLastPaymentIsDueAtMostTheMaximumSpanAfterToday() {
        LocalDate first = LocalDate.of(2026, 3, 3);

        assertThat(schedule("2400.00", 24, first, Period.ofMonths(1)).lastDueOn()).isEqualTo(LocalDate.of(2028, 2, 3));
        assertThat(errorsOf(() -> schedule("2400.00", 13, first, Period.ofMonths(2))))
                .containsExactly(new FieldError("payments",
                        "the last of 13 payments would be due on 2028-03-03, later than 2028-03-02 (P2Y after today)"));
    }

    @Test
    void everyWrongFieldIsReportedAtOnce() {
        assertThat(errorsOf(() -> schedule("-1", 30, TODAY.minusDays(3), Period.ZERO)))
                .extracting(FieldError::field).containsExactly("amount", "payments", "firstDueOn", "interval");
    }
}
