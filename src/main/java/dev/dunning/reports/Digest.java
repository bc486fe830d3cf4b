package dev.dunning.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one day's digest: totals only, never a debtor.
 *
 * @param day           the day the digest is for (it reports on the day before, {@code yesterday})
 * @param pictureDay    the evaluation day whose closing picture is shown, the latest up to {@code day}; null if none
 * @param previousDay   the evaluation day before {@code pictureDay}, which the changes compare with; null if none
 * @param picture       the debt on {@code pictureDay}
 * @param change        {@code picture} minus the picture of {@code previousDay} (all of it when there is none)
 * @param groups        the same per customer group, largest real debt first
 * @param casesByStage  cases in work (open or suspended) per stage, in the stages' order
 * @param notices       per channel, notices sent yesterday and notices made yesterday that failed for good
 * @param failedJobs    the engine's dead letter jobs: steps that failed every retry and wait for an admin
 */
record Digest(LocalDate day, LocalDate yesterday, LocalDate pictureDay, LocalDate previousDay, Picture picture,
        Picture change, List<GroupLine> groups, Collections collections, Cases cases, Map<String, Integer> casesByStage,
        Promises promises, List<ChannelLine> notices, long failedJobs, Tasks collectorTasks) {

    /** The aging buckets in order, as the columns of {@code debt_day} name them. */
    static final List<String> BUCKETS = List.of("not_due", "overdue_1_30", "overdue_31_60", "overdue_61_90",
            "overdue_91_180", "overdue_over_180");

    /** Stages in the order a case goes through them; others (a plan's own) follow in name order. */
    static final List<String> STAGES = List.of("grace", "reminder", "call", "pretrial", "legal", "restriction");

    /**
     * Sums of the debt picture.
     *
     * @param debtors   customers with real debt, each counted once
     * @param customers customers with a balance, each counted once
     * @param buckets   the balance by days past due, in {@link #BUCKETS} order
     */
    record Picture(BigDecimal realDebt, BigDecimal conditionalDebt, BigDecimal frozen, BigDecimal balance, int debtors,
            int customers, Map<String, BigDecimal> buckets) {

        static final Picture NONE = new Picture(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0, 0,
                zeroBuckets());

        Picture plus(Picture other) {
            return combine(other, 1);
        }

        Picture minus(Picture other) {
            return combine(other, -1);
        }

        private Picture combine(Picture other, int sign) {
            BigDecimal factor = BigDecimal.valueOf(sign);
            Map<String, BigDecimal> sums = new LinkedHashMap<>();
            for (String bucket : BUCKETS) {
                sums.put(bucket, buckets.get(bucket).add(other.buckets.get(bucket).multiply(factor)));
            }
            return new Picture(realDebt.add(other.realDebt.multiply(factor)),
                    conditionalDebt.add(other.conditionalDebt.multiply(factor)), frozen.add(other.frozen.multiply(factor)),
                    balance.add(other.balance.multiply(factor)), debtors + sign * other.debtors,
                    customers + sign * other.customers, java.util.Collections.unmodifiableMap(sums));
        }

        private static Map<String, BigDecimal> zeroBuckets() {
            Map<String, BigDecimal> zeros = new LinkedHashMap<>();
            BUCKETS.forEach(bucket -> zeros.put(bucket, BigDecimal.ZERO));
            return java.util.Collections.unmodifiableMap(zeros);
        }
    }

    /** One customer group's picture and its change since the previous evaluation day. */
    record GroupLine(String group, Picture picture, Picture change) {
    }

    /**
     * Money charged and collected yesterday and in yesterday's month up to yesterday.
     *
     * @param monthRate collected over charged in the month, in percent; null when nothing was charged
     */
    record Collections(BigDecimal collectedYesterday, BigDecimal chargedYesterday, BigDecimal collectedInMonth,
            BigDecimal chargedInMonth, BigDecimal monthRate) {

        static BigDecimal rate(BigDecimal collected, BigDecimal charged) {
            return charged.signum() == 0 ? null
                    : collected.multiply(BigDecimal.valueOf(100)).divide(charged, 2, RoundingMode.HALF_UP);
        }
    }

    /** Cases opened and settled yesterday, and cases in work today. */
    record Cases(int openedYesterday, int settledYesterday, int inWork) {
    }

    /** Promises to pay whose date was yesterday: kept when the confirmed payments since promising reach the amount. */
    record Promises(int due, int kept) {

        int broken() {
            return due - kept;
        }
    }

    record ChannelLine(String channel, int sent, int failed) {
    }

    /** Open tasks of the collectors' group, and how many of them nobody has claimed. */
    record Tasks(int open, int unclaimed) {
    }
}
