package dev.dunning.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.dunning.distribution.Distribution;
import dev.dunning.inbox.Inbox;
import dev.dunning.inbox.InboxQuery;
import dev.dunning.security.UserAccounts;

/**
 * Managers: the team's load per person and per group, who is away (marking someone away hands their tasks to the
 * others by the assignment rules), the rules in force, and every open task to hand over.
 */
@Controller
class TeamPages {

    private final Inbox inbox;
    private final Pages pages;
    private final UserAccounts accounts;
    private final Distribution distribution;

    TeamPages(Inbox inbox, Pages pages, UserAccounts accounts, Distribution distribution) {
        this.inbox = inbox;
        this.pages = pages;
        this.accounts = accounts;
        this.distribution = distribution;
    }

    @GetMapping("/team")
    String team(Authentication user, Model model, @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String group, @RequestParam(defaultValue = "0") int page) {
        Inbox.Worker worker = pages.worker(user);
        model.addAttribute("workload", inbox.workload(worker));
        model.addAttribute("collectors", distribution.load(worker));
        model.addAttribute("rules", distribution.rules());
        InboxQuery query = new InboxQuery(InboxQuery.Scope.ALL, null, null, null, null, assignee, group,
                InboxQuery.Sort.PRIORITY, false, page, 25);
        model.addAttribute("query", query);
        model.addAttribute("found", inbox.page(worker, query));
        model.addAttribute("people", accounts.list().stream().filter(UserAccounts.Account::enabled)
                .map(UserAccounts.Account::username).toList());
        return "team";
    }

    /** Marks someone away from {@code from} (today when empty) until {@code until} (further notice when empty). */
    @PostMapping("/team/absences")
    String markAway(@RequestParam String username, @RequestParam(required = false) String from,
            @RequestParam(required = false) String until, @RequestParam(required = false) String reason,
            Authentication user, RedirectAttributes flash) {
        try {
            distribution.markAway(username, date("from", from), date("until", until), reason, pages.worker(user));
            flash.addFlashAttribute("notice", "away-marked");
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("awayError", e.getMessage());
        }
        return "redirect:/team";
    }

    @PostMapping("/team/absences/{username}/end")
    String markBack(@PathVariable String username, Authentication user, RedirectAttributes flash) {
        distribution.markBack(username, pages.worker(user));
        flash.addFlashAttribute("notice", "back-marked");
        return "redirect:/team";
    }

    private static LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": '" + text.strip() + "' is not a date (2026-03-10)");
        }
    }
}
