package dev.dunning.security;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.stereotype.Component;

import dev.dunning.database.StartupLock;

/**
 * Creates the first users. The demo profile creates one user per role with the role's name as
 * password and says so; other profiles create only an admin, and only when
 * {@code DUNNING_ADMIN_PASSWORD} is given.
 */
@Component
@Order(0)
class UserBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(UserBootstrap.class);
    private static final List<String> DEMO_USERS = List.of("admin", "analyst", "collector", "lawyer", "manager");

    private final JdbcUserDetailsManager users;
    private final PasswordEncoder encoder;
    private final boolean demoUsers;
    private final String adminPassword;
    private final StartupLock startupLock;

    UserBootstrap(JdbcUserDetailsManager users, PasswordEncoder encoder, StartupLock startupLock,
            @Value("${dunning.security.demo-users:false}") boolean demoUsers,
            @Value("${DUNNING_ADMIN_PASSWORD:}") String adminPassword) {
        this.users = users;
        this.encoder = encoder;
        this.demoUsers = demoUsers;
        this.adminPassword = adminPassword;
        this.startupLock = startupLock;
    }

    @Override
    public void run(ApplicationArguments args) {
        // two nodes started together would both find no admin and both create one
        startupLock.holdUntilStarted("first users");
        createFirstUsers();
    }

    private void createFirstUsers() {
        if (demoUsers) {
            for (String name : DEMO_USERS) {
                if (!users.userExists(name)) {
                    users.createUser(User.withUsername(name).password(encoder.encode(name)).roles(name.toUpperCase()).build());
                }
            }
            log.info("Demo users (password = user name): {}", String.join(", ", DEMO_USERS));
        } else if (!adminPassword.isBlank() && !users.userExists("admin")) {
            users.createUser(User.withUsername("admin").password(encoder.encode(adminPassword)).roles(Roles.ADMIN).build());
            log.info("Created user 'admin' from DUNNING_ADMIN_PASSWORD");
        } else if (!users.userExists("admin")) {
            log.warn("No users exist. Start once with DUNNING_ADMIN_PASSWORD=<password> to create the user 'admin'.");
        }
    }
}
