package dev.dunning.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.dunning.inbox.Inbox;
import dev.dunning.inbox.InboxQuery;
import dev.dunning.security.UserAccounts;

/** Managers: the team's load per person and per group, and every open task to hand over. */
@Controller
class TeamPages {

    private final Inbox inbox;
    private final Pages pages;
    private final UserAccounts accounts;

    TeamPages(Inbox inbox, Pages pages, UserAccounts accounts) {
        this.inbox = inbox;
        this.pages = pages;
        this.accounts = accounts;
    }

    @GetMapping("/team")
    String team(Authentication user, Model model, @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String group, @RequestParam(defaultValue = "0") int page) {
        Inbox.Worker worker = pages.worker(user);
        model.addAttribute("workload", inbox.workload(worker));
        InboxQuery query = new InboxQuery(InboxQuery.Scope.ALL, null, null, null, null, assignee, group,
                InboxQuery.Sort.PRIORITY, false, page, 25);
        model.addAttribute("query", query);
        model.addAttribute("found", inbox.page(worker, query));
        model.addAttribute("people", accounts.list().stream().filter(UserAccounts.Account::enabled)
                .map(UserAccounts.Account::username).toList());
        return "team";
    }
}
