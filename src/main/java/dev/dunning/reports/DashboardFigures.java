package dev.dunning.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the managers' dashboard shows for one filter, as {@code GET /api/dashboard} returns it. Amounts are sums of
 * the debt picture; rates are fractions between 0 and 1 (null when there is nothing to divide by).
 */
public record DashboardFigures(PictureFilter filter, LocalDate today, Freshness positions, Freshness collections,
        Debt debt, List<AgingBucket> aging, List<MonthRate> collectionRate, List<StageCount> casesByStage,
        List<PromiseRate> promises, List<NoticeCount> notices, List<Workload> workload) {

    /** When a part of the picture was last rebuilt in full (null: never yet); positions follow payments between. */
    public record Freshness(LocalDate asOf, Instant ranAt) {
    }

    /**
     * Today's debt from {@code debt_position}: {@code customers} with a balance (each once), everything unpaid
     * ({@code balance}), the part past the grace period ({@code realDebt}), the part of it frozen and what is left
     * ({@code conditionalDebt} = realDebt − frozen).
     */
    public record Debt(long customers, BigDecimal balance, BigDecimal realDebt, BigDecimal frozen,
            BigDecimal conditionalDebt) {
    }

    /** One aging bucket: {@code not_due}, {@code 1_30}, {@code 31_60}, {@code 61_90}, {@code 91_180}, {@code over_180}. */
    public record AgingBucket(String bucket, BigDecimal amount) {
    }

    /** One calendar month (yyyy-MM): charged, collected, and collected ÷ charged. */
    public record MonthRate(String month, BigDecimal charged, BigDecimal collected, BigDecimal rate) {
    }

    /** Active cases at one stage ({@code ""}: not at a stage yet), open and suspended. */
    public record StageCount(String stage, long open, long suspended) {
    }

    /** Promises whose date fell in the last {@code days} days (today excluded), how many were kept, and the rate. */
    public record PromiseRate(int days, long due, long kept, BigDecimal rate) {
    }

    /** Notices made in the last 30 days on one channel with one result (provider's outcome, else delivery state). */
    public record NoticeCount(String channel, String result, long count) {
    }

    /** Open tasks of one person ({@code lane} null) or unclaimed tasks of one lane ({@code assignee} null). */
    public record Workload(String assignee, String lane, long open) {
    }
}
