package dev.dunning.security;

import static dev.dunning.security.Roles.ADMIN;
import static dev.dunning.security.Roles.ANALYST;
import static dev.dunning.security.Roles.COLLECTOR;
import static dev.dunning.security.Roles.LAWYER;
import static dev.dunning.security.Roles.MANAGER;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Who may do what. Debtors' personal data (customers, cases, notices, tasks) is for the people
 * who work the debts; analysts see plans; the engine's controls are for admins.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/error", "/login", "/webjars/**", "/css/**", "/js/**",
                                "/favicon.ico").permitAll()
                        .requestMatchers("/answer/**", "/api/channels/telegram/webhook", "/api/channels/*/status",
                                "/api/channels/*/callback").permitAll() // signed link; secret header or token
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").authenticated()
                        .requestMatchers("/api/admin/**", "/api/imports/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/payments").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/plans/**").hasAnyRole(ADMIN, ANALYST, MANAGER)
                        // A migration preview changes nothing; managers may look before analysts apply.
                        .requestMatchers(HttpMethod.POST, "/api/plans/*/migrations/preview", "/plans/*/versions/preview")
                        .hasAnyRole(ADMIN, ANALYST, MANAGER)
                        .requestMatchers("/api/plans/**").hasAnyRole(ADMIN, ANALYST)
                        .requestMatchers("/api/tasks/**").hasAnyRole(COLLECTOR, LAWYER, MANAGER, ADMIN)
                        // distribution: the team's load and absences for managers; the rules in force for analysts too
                        .requestMatchers("/api/team/**").hasAnyRole(MANAGER, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/assignment-rules").hasAnyRole(ANALYST, MANAGER, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/contact-rules/**").hasAnyRole(ADMIN, MANAGER)
                        .requestMatchers(HttpMethod.GET, "/api/letters/batches").hasAnyRole(ADMIN, MANAGER)
                        .requestMatchers("/api/letters/**").hasRole(ADMIN)
                        .requestMatchers("/api/contact-rules/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/customers/*/contact-preferences")
                        .hasAnyRole(COLLECTOR, MANAGER, ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/notifications/*/resend").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/customers/*/installments",
                                "/api/customers/*/installments/schedule").hasAnyRole(COLLECTOR, MANAGER, ADMIN)
                        .requestMatchers(HttpMethod.DELETE, "/api/customers/*/installments/*").hasAnyRole(MANAGER, ADMIN)
                        .requestMatchers("/api/templates/**").hasAnyRole(ADMIN, ANALYST, MANAGER, COLLECTOR, LAWYER)
                        .requestMatchers("/api/cases/*/documents/**").hasAnyRole(LAWYER, MANAGER, ADMIN)
                        .requestMatchers("/api/cases/*/restrictions").hasAnyRole(MANAGER, ADMIN)
                        .requestMatchers("/api/customers/**", "/api/cases/**", "/api/notifications/**")
                        .hasAnyRole(COLLECTOR, LAWYER, MANAGER, ADMIN)
                        // reports
                        .requestMatchers("/reports/**", "/api/reports/**").hasAnyRole(MANAGER, ADMIN)
                        // dashboard
                        .requestMatchers("/api/dashboard/**", "/dashboard/**").hasAnyRole(MANAGER, ADMIN)
                        // ops: the engine's REST APIs for Flowable-compatible tools, and the actuator beyond health
                        .requestMatchers("/process-api/**", "/dmn-api/**", "/actuator/**").hasRole(ADMIN)
                        // Pages: the same split as the API they show.
                        .requestMatchers("/admin/**").hasRole(ADMIN)
                        // Analysts' pages: managers may read them (reports, simulations); only analysts and admins change plans.
                        .requestMatchers(HttpMethod.GET, "/plans/**").hasAnyRole(ANALYST, MANAGER, ADMIN)
                        .requestMatchers("/plans/**").hasAnyRole(ANALYST, ADMIN)
                        .requestMatchers("/team/**").hasAnyRole(MANAGER, ADMIN)
                        .requestMatchers("/legal/**").hasAnyRole(LAWYER, MANAGER, ADMIN)
                        .requestMatchers("/inbox/**", "/tasks/**", "/customers/**")
                        .hasAnyRole(COLLECTOR, LAWYER, MANAGER, ADMIN)
                        // digest
                        .requestMatchers(HttpMethod.GET, "/reports/digest").hasAnyRole(MANAGER, ADMIN)
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                // Scripts calling the API get 401 with a Basic challenge, not a redirect to the login page.
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        basicChallenge(), new OrRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/api/**"),
                                // ops
                                PathPatternRequestMatcher.withDefaults().matcher("/process-api/**"),
                                PathPatternRequestMatcher.withDefaults().matcher("/dmn-api/**"),
                                PathPatternRequestMatcher.withDefaults().matcher("/actuator/**"))))
                .formLogin(login -> login.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                // Scripts and billing systems call the API with HTTP Basic, which a browser never sends by itself,
                // so those calls need no CSRF token. A browser's session cookie does travel by itself: a request
                // that relies on it (every page, and the API called from a page) must carry the token.
                .csrf(csrf -> csrf.ignoringRequestMatchers(
                        request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                                && request.getHeader("Authorization") != null,
                        // ops: the engine APIs and the actuator, for tools and scrapers with HTTP Basic, as /api/
                        request -> (request.getRequestURI().startsWith(request.getContextPath() + "/process-api/")
                                || request.getRequestURI().startsWith(request.getContextPath() + "/dmn-api/")
                                || request.getRequestURI().startsWith(request.getContextPath() + "/actuator/"))
                                && request.getHeader("Authorization") != null,
                        PathPatternRequestMatcher.withDefaults().matcher("/answer/**"),
                        PathPatternRequestMatcher.withDefaults().matcher("/api/channels/telegram/webhook"),
                        PathPatternRequestMatcher.withDefaults().matcher("/api/channels/*/status"),
                        PathPatternRequestMatcher.withDefaults().matcher("/api/channels/*/callback")));
        return http.build();
    }

    /**
     * ops: with Flowable's REST servlet next to the DispatcherServlet, a pattern can no longer be read as one
     * servlet's MVC pattern; all patterns above match the request path as PathPatterns, whichever servlet serves it.
     */
    @Bean
    PathPatternRequestMatcherBuilderFactoryBean requestPathPatterns() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    private static BasicAuthenticationEntryPoint basicChallenge() {
        BasicAuthenticationEntryPoint entryPoint = new BasicAuthenticationEntryPoint();
        entryPoint.setRealmName("Dunning");
        return entryPoint;
    }

    @Bean
    JdbcUserDetailsManager users(DataSource dataSource) {
        return new JdbcUserDetailsManager(dataSource);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
