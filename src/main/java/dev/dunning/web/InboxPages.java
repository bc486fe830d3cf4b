package dev.dunning.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.dunning.clock.BusinessClock;
import dev.dunning.inbox.Inbox;
import dev.dunning.inbox.InboxPage;
import dev.dunning.inbox.InboxQuery;
import dev.dunning.inbox.InvalidFormException;
import dev.dunning.inbox.TaskView;

/** The inbox page and the task page: claim, release, answer the form, note when to call back, hand over. */
@Controller
class InboxPages {

    private final Inbox inbox;
    private final Pages pages;
    private final CustomerCards cards;
    private final BusinessClock clock;

    InboxPages(Inbox inbox, Pages pages, CustomerCards cards, BusinessClock clock) {
        this.inbox = inbox;
        this.pages = pages;
        this.cards = cards;
        this.clock = clock;
    }

    @GetMapping("/inbox")
    String inbox(Authentication user, Model model, @RequestParam(required = false) InboxQuery.Scope scope,
            @RequestParam(required = false) String activity, @RequestParam(required = false) String customer,
            @RequestParam(required = false) BigDecimal minAmount, @RequestParam(required = false) BigDecimal maxAmount,
            @RequestParam(required = false) String assignee, @RequestParam(required = false) String group,
            @RequestParam(required = false) InboxQuery.Sort sort, @RequestParam(defaultValue = "false") boolean descending,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "25") int size) {
        Inbox.Worker worker = pages.worker(user);
        InboxQuery query = new InboxQuery(scope, activity, customer, minAmount, maxAmount, assignee, group, sort,
                descending, page, size);
        InboxPage found = inbox.page(worker, query);
        model.addAttribute("query", query);
        model.addAttribute("found", found);
        model.addAttribute("seesAll", worker.seesAll());
        model.addAttribute("groups", worker.groups());
        model.addAttribute("sorts", InboxQuery.Sort.values());
        model.addAttribute("filters", filters(query));
        return "inbox";
    }

    /** The query's parameters, for links to other pages and orders of the same list. */
    private static Map<String, String> filters(InboxQuery query) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("scope", query.scope().name());
        put(filters, "activity", query.activity());
        put(filters, "customer", query.customer());
        put(filters, "minAmount", query.minAmount() == null ? null : query.minAmount().toPlainString());
        put(filters, "maxAmount", query.maxAmount() == null ? null : query.maxAmount().toPlainString());
        put(filters, "assignee", query.assignee());
        put(filters, "group", query.group());
        filters.put("size", String.valueOf(query.size()));
        return filters;
    }

    private static void put(Map<String, String> filters, String name, String value) {
        if (value != null) {
            filters.put(name, value);
        }
    }

    @GetMapping("/tasks/{taskId}")
    String task(@PathVariable String taskId, Authentication user, Model model) {
        return showTask(taskId, user, model, Map.of(), Map.of());
    }

    private String showTask(String taskId, Authentication user, Model model, Map<String, String> values,
            Map<String, String> errors) {
        Inbox.Worker worker = pages.worker(user);
        TaskView task = inbox.task(taskId, worker);
        model.addAttribute("task", task);
        model.addAttribute("mine", worker.name().equals(task.assignee()));
        model.addAttribute("seesAll", worker.seesAll());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        if (task.customerId() != null) {
            model.addAttribute("card", cards.of(task.customerId(), task.caseId()));
            model.addAttribute("script", cards.callScript(task, model.getAttribute("lang").toString()));
        }
        return "task";
    }

    @PostMapping("/tasks/{taskId}/claim")
    String claim(@PathVariable String taskId, Authentication user) {
        inbox.claim(taskId, pages.worker(user));
        return "redirect:/tasks/" + taskId;
    }

    @PostMapping("/tasks/{taskId}/unclaim")
    String unclaim(@PathVariable String taskId, Authentication user, RedirectAttributes flash) {
        inbox.unclaim(taskId, pages.worker(user));
        flash.addFlashAttribute("notice", "released");
        return "redirect:/inbox";
    }

    @PostMapping("/tasks/{taskId}/follow-up")
    String followUp(@PathVariable String taskId, @RequestParam(required = false) String at, Authentication user) {
        Instant when = at == null || at.isBlank() ? null : LocalDateTime.parse(at).atZone(clock.getZone()).toInstant();
        inbox.followUp(taskId, when, pages.worker(user));
        return "redirect:/tasks/" + taskId;
    }

    @PostMapping("/tasks/{taskId}/reassign")
    String reassign(@PathVariable String taskId, @RequestParam String assignee,
            @RequestParam(required = false) String reason, Authentication user, RedirectAttributes flash) {
        inbox.reassign(taskId, assignee, reason, pages.worker(user));
        flash.addFlashAttribute("notice", "reassigned");
        return "redirect:/team";
    }

    @PostMapping("/tasks/{taskId}/complete")
    String complete(@PathVariable String taskId, @RequestParam Map<String, String> form, Authentication user,
            Model model, RedirectAttributes flash, jakarta.servlet.http.HttpServletResponse response) {
        Map<String, Object> values = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (!"_csrf".equals(name) && value != null && !value.isBlank()) {
                values.put(name, value);
            }
        });
        try {
            inbox.complete(taskId, values, pages.worker(user));
        } catch (InvalidFormException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.errors().forEach(error -> errors.putIfAbsent(error.get("field"), error.get("message")));
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            Map<String, String> submitted = new LinkedHashMap<>(form);
            submitted.remove("_csrf");
            return showTask(taskId, user, model, submitted, errors);
        }
        flash.addFlashAttribute("notice", "completed");
        return "redirect:/inbox";
    }
}
