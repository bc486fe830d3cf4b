package dev.dunning.web;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.dunning.security.InvalidAccountException;
import dev.dunning.security.UserAccounts;

/** Admins: who may log in, with which roles, working which teams' tasks. */
@Controller
class UserPages {

    private final UserAccounts accounts;

    UserPages(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/admin/users")
    String users(Model model) {
        model.addAttribute("accounts", accounts.list());
        model.addAttribute("allRoles", new TreeSet<>(UserAccounts.ROLES));
        model.addAttribute("errors", java.util.Map.of());
        model.addAttribute("minPassword", UserAccounts.MIN_PASSWORD);
        return "users";
    }

    @PostMapping("/admin/users")
    String create(@RequestParam String username, @RequestParam String password,
            @RequestParam(required = false) List<String> roles, @RequestParam(required = false) String teams,
            @RequestParam(required = false) String email, Authentication admin, Model model, RedirectAttributes flash, jakarta.servlet.http.HttpServletResponse response) {
        try {
            accounts.create(new UserAccounts.Change(username.strip(), password, roles == null ? List.of() : roles,
                    teams(teams), true, email == null ? "" : email), admin.getName());
        } catch (InvalidAccountException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            users(model);
            model.addAttribute("errors", e.errors());
            model.addAttribute("newUsername", username);
            return "users";
        }
        flash.addFlashAttribute("notice", "user-saved");
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{username}")
    String update(@PathVariable String username, @RequestParam(required = false) String password,
            @RequestParam(required = false) List<String> roles, @RequestParam(required = false) String teams,
            @RequestParam(defaultValue = "false") boolean enabled, @RequestParam(required = false) String email,
            Authentication admin, Model model,
            RedirectAttributes flash, jakarta.servlet.http.HttpServletResponse response) {
        try {
            accounts.update(new UserAccounts.Change(username, password, roles == null ? List.of() : roles, teams(teams),
                    enabled, email), admin.getName());
        } catch (InvalidAccountException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            users(model);
            model.addAttribute("errors", e.errors());
            model.addAttribute("failedUser", username);
            return "users";
        }
        flash.addFlashAttribute("notice", "user-saved");
        return "redirect:/admin/users";
    }

    private static List<String> teams(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[,\\s]+")).map(String::strip)
                .filter(team -> !team.isEmpty()).toList();
    }
}
