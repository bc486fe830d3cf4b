package dev.dunning.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The closing pictures of the evaluation days ({@code debt_day} summed over the filter), one per day: what the
 * receivables were at a date is the picture of the closest evaluation day on or before it (none: nothing owed).
 */
final class ReportHistory {

    /** The six aging amounts, oldest last, as the columns of debt_day. */
    static final String[] BUCKETS = {"not_due", "overdue_1_30", "overdue_31_60", "overdue_61_90", "overdue_91_180",
            "overdue_over_180"};

    /** One closing picture: the day it was taken, the balance and its six aging amounts. */
    record Picture(LocalDate asOf, BigDecimal balance, BigDecimal[] buckets) {

        static final Picture NONE = new Picture(null, zero(), new BigDecimal[] {zero(), zero(), zero(), zero(), zero(),
                zero()});

        BigDecimal bucket(int index) {
            return buckets[index];
        }

        private static BigDecimal zero() {
            return BigDecimal.ZERO.setScale(2);
        }
    }

    private final NavigableMap<LocalDate, Picture> pictures;

    private ReportHistory(NavigableMap<LocalDate, Picture> pictures) {
        this.pictures = pictures;
    }

    /** The pictures up to {@code until}; one row per evaluation day, so few even over years. */
    static ReportHistory read(ReportJdbc jdbc, PictureFilter filter, boolean withService, LocalDate until) {
        Map<String, Object> params = new HashMap<>();
        params.put("until", until);
        String where = filter.where("d", withService, params);
        StringBuilder sums = new StringBuilder("SUM(d.balance) AS balance");
        for (String bucket : BUCKETS) {
            sums.append(", SUM(d.").append(bucket).append(") AS ").append(bucket);
        }
        NavigableMap<LocalDate, Picture> pictures = new TreeMap<>();
        jdbc.each("SELECT d.as_of, " + sums + " FROM debt_day d WHERE d.as_of <= :until AND " + where
                + " GROUP BY d.as_of", params, rs -> {
                    BigDecimal[] buckets = new BigDecimal[BUCKETS.length];
                    for (int i = 0; i < BUCKETS.length; i++) {
                        buckets[i] = ReportJdbc.amount(rs, BUCKETS[i]);
                    }
                    LocalDate asOf = ReportJdbc.date(rs, "as_of");
                    pictures.put(asOf, new Picture(asOf, ReportJdbc.amount(rs, "balance"), buckets));
                });
        return new ReportHistory(pictures);
    }

    /** The picture of the closest evaluation day on or before {@code day}. */
    Picture at(LocalDate day) {
        Map.Entry<LocalDate, Picture> found = pictures.floorEntry(day);
        return found == null ? Picture.NONE : found.getValue();
    }
}
