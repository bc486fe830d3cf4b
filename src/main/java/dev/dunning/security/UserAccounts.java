package dev.dunning.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.dunning.timeline.Timeline;

/**
 * The people who log in, managed by admins: their roles, the teams whose tasks they work, whether they may log in.
 * Passwords are stored hashed (bcrypt by default); every change is on the timeline with the admin who made it.
 */
@Service
public class UserAccounts {

    public static final Set<String> ROLES = Set.of(Roles.ADMIN, Roles.ANALYST, Roles.COLLECTOR, Roles.LAWYER, Roles.MANAGER);
    public static final int MIN_PASSWORD = 10;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    private final JdbcUserDetailsManager users;
    private final PasswordEncoder encoder;
    private final JdbcClient jdbc;
    private final Timeline timeline;

    UserAccounts(JdbcUserDetailsManager users, PasswordEncoder encoder, JdbcClient jdbc, Timeline timeline) {
        this.users = users;
        this.encoder = encoder;
        this.jdbc = jdbc;
        this.timeline = timeline;
    }

    /** A user as the admin page lists them; {@code email} is null when they have none. */
    public record Account(String username, boolean enabled, Set<String> roles, List<String> teams, String email) {
    }

    /**
     * What an admin asks for; every problem is reported with its field. {@code email}: blank for none, null to keep
     * it as it is.
     */
    public record Change(String username, String password, Collection<String> roles, Collection<String> teams,
            boolean enabled, String email) {

        public Change(String username, String password, Collection<String> roles, Collection<String> teams,
                boolean enabled) {
            this(username, password, roles, teams, enabled, null);
        }
    }

    public List<Account> list() {
        Map<String, Set<String>> roles = new LinkedHashMap<>();
        jdbc.sql("SELECT username, authority FROM authorities ORDER BY username").query((rs, row) -> {
            roles.computeIfAbsent(rs.getString(1), name -> new TreeSet<>()).add(rs.getString(2).replaceFirst("^ROLE_", ""));
            return null;
        }).list();
        Map<String, List<String>> teams = new LinkedHashMap<>();
        jdbc.sql("SELECT username, team FROM user_team ORDER BY username, team").query((rs, row) -> {
            teams.computeIfAbsent(rs.getString(1), name -> new ArrayList<>()).add(rs.getString(2));
            return null;
        }).list();
        return jdbc.sql("SELECT username, enabled, email FROM users ORDER BY username")
                .query((rs, row) -> new Account(rs.getString(1), rs.getBoolean(2),
                        roles.getOrDefault(rs.getString(1), Set.of()), teams.getOrDefault(rs.getString(1), List.of()),
                        rs.getString(3)))
                .list();
    }

    /** The enabled users who have {@code role}, with their email if they have one. */
    public List<Account> withRole(String role) {
        return list().stream().filter(Account::enabled).filter(account -> account.roles().contains(role)).toList();
    }

    @Transactional
    public Account create(Change change, String admin) {
        Map<String, String> errors = check(change, true);
        if (users.userExists(change.username())) {
            errors.put("username", "'" + change.username() + "' already exists");
        }
        if (!errors.isEmpty()) {
            throw new InvalidAccountException(errors);
        }
        users.createUser(User.withUsername(change.username()).password(encoder.encode(change.password()))
                .roles(change.roles().toArray(String[]::new)).disabled(!change.enabled()).build());
        setTeams(change.username(), change.teams());
        setEmail(change.username(), change.email());
        timeline.record(null, null, "user-created", admin, "user " + change.username() + " with roles " + new TreeSet<>(change.roles())
                + teamsText(change.teams()));
        return find(change.username());
    }

    /** New roles, teams and state; a new password only when one is given. */
    @Transactional
    public Account update(Change change, String admin) {
        if (!users.userExists(change.username())) {
            throw new java.util.NoSuchElementException("no user '" + change.username() + "'");
        }
        Map<String, String> errors = check(change, false);
        if (change.username().equals(admin) && (!change.enabled() || !change.roles().contains(Roles.ADMIN))) {
            errors.put("roles", "you cannot take your own admin role or account away; ask another admin");
        }
        if (!errors.isEmpty()) {
            throw new InvalidAccountException(errors);
        }
        String password = change.password() == null || change.password().isBlank()
                ? jdbc.sql("SELECT password FROM users WHERE username = :u").param("u", change.username()).query(String.class).single()
                : encoder.encode(change.password());
        users.updateUser(User.withUsername(change.username()).password(password)
                .roles(change.roles().toArray(String[]::new)).disabled(!change.enabled()).build());
        setTeams(change.username(), change.teams());
        setEmail(change.username(), change.email());
        timeline.record(null, null, "user-changed", admin, "user " + change.username() + ": roles " + new TreeSet<>(change.roles())
                + teamsText(change.teams()) + (change.enabled() ? "" : ", disabled")
                + (change.password() == null || change.password().isBlank() ? "" : ", new password")
                + (change.email() == null ? "" : change.email().isBlank() ? ", email removed" : ", email set"));
        return find(change.username());
    }

    public Account find(String username) {
        return list().stream().filter(account -> account.username().equals(username)).findFirst()
                .orElseThrow(() -> new java.util.NoSuchElementException("no user '" + username + "'"));
    }

    private Map<String, String> check(Change change, boolean creating) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (change.username() == null || !NAME.matcher(change.username()).matches()) {
            errors.put("username", "2 to 64 lower-case letters, digits, dots, dashes or underscores");
        }
        boolean passwordGiven = change.password() != null && !change.password().isBlank();
        if ((creating || passwordGiven) && (change.password() == null || change.password().length() < MIN_PASSWORD)) {
            errors.put("password", "at least " + MIN_PASSWORD + " characters");
        }
        if (change.roles() == null || change.roles().isEmpty()) {
            errors.put("roles", "choose at least one role");
        } else if (!ROLES.containsAll(change.roles())) {
            errors.put("roles", "unknown role among " + change.roles() + "; roles are " + new TreeSet<>(ROLES));
        }
        for (String team : change.teams() == null ? List.<String>of() : change.teams()) {
            if (!NAME.matcher(team).matches()) {
                errors.put("teams", "'" + team + "' is not a team name (lower-case letters, digits, dots, dashes)");
            }
        }
        if (change.email() != null && !change.email().isBlank() && !isEmail(change.email().strip())) {
            errors.put("email", "'" + change.email().strip() + "' is not an email address (name@example.com)");
        }
        return errors;
    }

    private static boolean isEmail(String email) {
        if (email.length() > 254 || !email.contains("@")) {
            return false;
        }
        try {
            new jakarta.mail.internet.InternetAddress(email, true).validate();
            return true;
        } catch (jakarta.mail.internet.AddressException e) {
            return false;
        }
    }

    /** Null keeps the email as it is; blank removes it. */
    private void setEmail(String username, String email) {
        if (email != null) {
            jdbc.sql("UPDATE users SET email = :email WHERE username = :u")
                    .param("email", email.isBlank() ? null : email.strip()).param("u", username).update();
        }
    }

    private void setTeams(String username, Collection<String> teams) {
        jdbc.sql("DELETE FROM user_team WHERE username = :u").param("u", username).update();
        for (String team : new TreeSet<>(teams == null ? List.of() : teams)) {
            jdbc.sql("INSERT INTO user_team (username, team) VALUES (:u, :t)").param("u", username).param("t", team).update();
        }
    }

    private static String teamsText(Collection<String> teams) {
        return teams == null || teams.isEmpty() ? "" : ", teams " + new TreeSet<>(teams);
    }
}
