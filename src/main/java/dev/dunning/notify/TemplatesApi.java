package dev.dunning.notify;

import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.dunning.security.Roles;

/**
 * {@code GET /api/templates/{name}/preview}: a notice template rendered as it would go out. With
 * {@code customer=ID} it uses that customer's debt and locale today, which only the people who work debts may
 * see; without, made-up values, which analysts may use while writing templates.
 */
@RestController
class TemplatesApi {

    private static final Set<String> SEE_DEBTORS = Set.of("ROLE_" + Roles.ADMIN, "ROLE_" + Roles.MANAGER,
            "ROLE_" + Roles.COLLECTOR, "ROLE_" + Roles.LAWYER);

    private final Notices notices;

    TemplatesApi(Notices notices) {
        this.notices = notices;
    }

    @GetMapping("/api/templates/{name}/preview")
    Notices.Preview preview(@PathVariable("name") String template,
            @RequestParam(name = "customer", required = false) String customerId,
            @RequestParam(name = "channel", required = false) String channel,
            @RequestParam(name = "locale", required = false) String locale,
            Authentication user) {
        String customer = customerId == null || customerId.isBlank() ? null : customerId.strip();
        if (customer != null && user.getAuthorities().stream().map(GrantedAuthority::getAuthority).noneMatch(SEE_DEBTORS::contains)) {
            throw new AccessDeniedException("previewing with a customer's data is for the people who work debts");
        }
        return notices.preview(template, customer, channel, locale == null || locale.isBlank() ? null : locale.strip());
    }
}
