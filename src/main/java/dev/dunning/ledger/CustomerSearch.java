package dev.dunning.ledger;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Finds customers by the start of their id or phone or a part of their name, a page at a time. What is typed is
 * matched literally ({@link SearchText}): {@code %} and {@code _} are not wildcards.
 */
@Service
public class CustomerSearch {

    public static final int PAGE = 25;

    private final JdbcClient jdbc;

    CustomerSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A customer found, with what they owe before any grace period or freeze. */
    public record Found(String customerId, String name, String group, String phone, String building, BigDecimal balance) {
    }

    /**
     * The customers on page {@code page} (0 first) of those found for {@code text}; none when nothing was typed.
     *
     * @throws IllegalArgumentException when the text is too long or holds a control character
     */
    public List<Found> find(String text, int page, int limit) {
        String typed = SearchText.typed("q", text);
        if (typed == null) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT c.customer_id, c.name, c.group_name, c.phone, c.building,
                       (SELECT COALESCE(SUM(i.amount), 0) FROM invoice i WHERE i.customer_id = c.customer_id)
                     - (SELECT COALESCE(SUM(p.amount), 0) FROM payment p WHERE p.customer_id = c.customer_id) AS balance
                FROM customer c
                WHERE c.customer_id LIKE :prefix ESCAPE '\\' OR LOWER(c.name) LIKE :name ESCAPE '\\'
                   OR c.phone LIKE :prefix ESCAPE '\\'
                ORDER BY c.name, c.customer_id
                LIMIT :limit OFFSET :offset""")
                .param("prefix", SearchText.startingWith(typed))
                .param("name", SearchText.containingAnyCase(typed))
                .param("limit", limit)
                // long: a page number typed into the address bar must not wrap round to a negative offset
                .param("offset", (long) page * PAGE)
                .query((rs, row) -> new Found(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBigDecimal(6)))
                .list();
    }
}
