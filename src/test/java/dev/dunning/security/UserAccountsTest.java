package dev.dunning.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.dunning.support.DunningTest;

/** Admins manage who logs in: passwords hashed, roles and teams checked field by field, every change audited. */
@DunningTest
class UserAccountsTest {

    @Autowired
    UserAccounts accounts;
    @Autowired
    Teams teams;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;

    private static String newName() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aNewCollectorLogsInWithAHashedPasswordAndWorksTheirTeamsTasks() {
        String name = newName();
        accounts.create(new UserAccounts.Change(name, "correct horse battery", List.of(Roles.COLLECTOR),
                List.of("collectors-north"), true), "admin");

        assertThat(rest.withBasicAuth(name, "correct horse battery").getForEntity("/api/tasks", String.class)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT password FROM users WHERE username = :u").param("u", name).query(String.class).single())
                .startsWith("{bcrypt}").doesNotContain("correct horse");
        assertThat(teams.groupsOf(name, java.util.Set.of(Roles.COLLECTOR))).containsExactly("collectors", "collectors-north");
        assertThat(jdbc.sql("SELECT summary FROM timeline_event WHERE kind = 'user-created' AND actor = 'admin'")
                .query(String.class).list()).anyMatch(summary -> summary.contains(name));
    }

    @Test
    void aDisabledUserCannotLogInAnyMore() {
        String name = newName();
        accounts.create(new UserAccounts.Change(name, "long enough secret", List.of(Roles.LAWYER), List.of(), true), "admin");
        accounts.update(new UserAccounts.Change(name, null, List.of(Roles.LAWYER), List.of(), false), "admin");

        assertThat(rest.withBasicAuth(name, "long enough secret").getForEntity("/api/tasks", String.class)
                .getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void everyProblemIsReportedWithItsField() {
        assertThatThrownBy(() -> accounts.create(new UserAccounts.Change("Bad Name!", "short", List.of("ROOT"),
                List.of("no spaces allowed"), true), "admin"))
                .isInstanceOfSatisfying(InvalidAccountException.class, e -> assertThat(e.errors())
                        .containsOnlyKeys("username", "password", "roles", "teams"));
        assertThatThrownBy(() -> accounts.update(new UserAccounts.Change("admin", null, List.of(Roles.MANAGER), List.of(),
                true), "admin"))
                .isInstanceOfSatisfying(InvalidAccountException.class, e -> assertThat(e.errors()).containsKey("roles"));
    }

    @Test
    void anAdminGivesAManagerAnEmailForTheDigestKeepsItOnOtherChangesAndRemovesItWithABlank() {
        String name = newName();
        accounts.create(new UserAccounts.Change(name, "long enough secret", List.of(Roles.MANAGER), List.of(), true,
                name + "@example.org"), "admin");
        assertThat(accounts.find(name).email()).isEqualTo(name + "@example.org");
        assertThat(accounts.withRole(Roles.MANAGER)).extracting(UserAccounts.Account::username).contains(name);

        accounts.update(new UserAccounts.Change(name, null, List.of(Roles.MANAGER), List.of("north"), true), "admin");
        assertThat(accounts.find(name).email()).as("no email given: kept").isEqualTo(name + "@example.org");

        accounts.update(new UserAccounts.Change(name, null, List.of(Roles.MANAGER), List.of(), true, " "), "admin");
        assertThat(accounts.find(name).email()).isNull();
        assertThat(jdbc.sql("SELECT summary FROM timeline_event WHERE kind = 'user-changed' AND summary LIKE :name")
                .param("name", "user " + name + "%").query(String.class).list())
                .anyMatch(summary -> summary.endsWith("email removed")).noneMatch(summary -> summary.contains("@"));

        assertThatThrownBy(() -> accounts.update(new UserAccounts.Change(name, null, List.of(Roles.MANAGER), List.of(),
                true, "not an address"), "admin"))
                .isInstanceOfSatisfying(InvalidAccountException.class, e -> assertThat(e.errors()).containsOnlyKeys("email"));
    }
}
