package dev.dunning.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Which task groups a person works. Each role works its own group (collectors, lawyers, managers), which is what
 * the shipped plans name as candidate groups; admins may put a person in further teams (a plan for one region
 * may send its calls to {@code collectors-north}).
 */
@Service
public class Teams {

    /** The candidate group each role works. */
    public static final Map<String, String> GROUP_OF_ROLE = Map.of(
            Roles.COLLECTOR, "collectors",
            Roles.LAWYER, "lawyers",
            Roles.MANAGER, "managers");

    private final JdbcClient jdbc;

    Teams(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The groups of the person's roles first (in a stable order), then their teams. */
    public List<String> groupsOf(String username, Collection<String> roles) {
        List<String> groups = new ArrayList<>(new TreeSet<>(roles.stream().map(GROUP_OF_ROLE::get)
                .filter(Objects::nonNull).toList()));
        for (String team : teamsOf(username)) {
            if (!groups.contains(team)) {
                groups.add(team);
            }
        }
        return groups;
    }

    public List<String> teamsOf(String username) {
        return jdbc.sql("SELECT team FROM user_team WHERE username = :user ORDER BY team")
                .param("user", username).query(String.class).list();
    }

    /** Every team someone is in (besides the role groups), for checking the candidate groups of a plan. */
    public List<String> allTeams() {
        return jdbc.sql("SELECT DISTINCT team FROM user_team ORDER BY team").query(String.class).list();
    }

    /**
     * The enabled people who work {@code group}, in name order: those whose role works it ({@code collectors}: every
     * collector) and those an admin put in it as a team.
     */
    public List<String> membersOf(String group) {
        String role = GROUP_OF_ROLE.entrySet().stream().filter(entry -> entry.getValue().equals(group))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        return jdbc.sql("""
                SELECT u.username FROM users u
                WHERE u.enabled = TRUE
                  AND (EXISTS (SELECT 1 FROM user_team t WHERE t.username = u.username AND t.team = :group)
                       OR EXISTS (SELECT 1 FROM authorities a WHERE a.username = u.username AND a.authority = :authority))
                ORDER BY u.username""")
                .param("group", group).param("authority", role == null ? "" : "ROLE_" + role)
                .query(String.class).list();
    }

    /** Whether this is an enabled user's name (tasks may be handed only to people who can log in). */
    public boolean isActiveUser(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE username = :user AND enabled = TRUE")
                .param("user", username).query(Integer.class).single() > 0;
    }
}
