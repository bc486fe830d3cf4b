package dev.dunning.web;

import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import dev.dunning.security.Roles;

/** The login page, and where each person lands after it. */
@Controller
class HomePage {

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home(Authentication user) {
        Set<String> roles = Pages.roles(user);
        if (roles.contains(Roles.MANAGER)) {
            return "redirect:/dashboard";
        }
        if (roles.contains(Roles.COLLECTOR) || roles.contains(Roles.LAWYER)) {
            return "redirect:/inbox";
        }
        if (roles.contains(Roles.ADMIN)) {
            return "redirect:/admin/users";
        }
        if (roles.contains(Roles.ANALYST)) {
            return "redirect:/plans";
        }
        return "home";
    }
}
