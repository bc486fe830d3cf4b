package dev.dunning.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.dunning.inbox.Inbox;
import dev.dunning.inbox.TaskView;
import dev.dunning.installments.InstallmentAgreement;
import dev.dunning.installments.InstallmentProposal;
import dev.dunning.installments.Installments;
import dev.dunning.installments.InvalidInstallmentException;

/**
 * The installment calculator beside a call: the schedule is worked out as the collector types (htmx swaps the
 * table in), and the proposal is accepted at once within the standard terms or sent to the managers.
 */
@Controller
class InstallmentPages {

    private final Installments installments;
    private final Inbox inbox;
    private final Pages pages;

    InstallmentPages(Installments installments, Inbox inbox, Pages pages) {
        this.installments = installments;
        this.inbox = inbox;
        this.pages = pages;
    }

    @PostMapping("/tasks/{taskId}/installments/schedule")
    String schedule(@PathVariable String taskId, @RequestParam Map<String, String> form, Authentication user, Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        TaskView task = inbox.task(taskId, pages.worker(user));
        Map<String, String> errors = new LinkedHashMap<>();
        InstallmentProposal proposal = proposal(form, errors);
        if (errors.isEmpty()) {
            try {
                model.addAttribute("schedule", installments.schedule(task.customerId(), proposal));
            } catch (InvalidInstallmentException e) {
                e.errors().forEach(error -> errors.putIfAbsent(error.field(), error.message()));
            }
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.OK.value()); // htmx swaps only 2xx answers in: the errors are the content
        }
        model.addAttribute("installmentErrors", errors);
        return "installment-schedule";
    }

    @PostMapping("/tasks/{taskId}/installments")
    String propose(@PathVariable String taskId, @RequestParam Map<String, String> form, Authentication user,
            RedirectAttributes flash) {
        TaskView task = inbox.task(taskId, pages.worker(user));
        Map<String, String> errors = new LinkedHashMap<>();
        InstallmentProposal proposal = proposal(form, errors);
        if (errors.isEmpty()) {
            try {
                InstallmentAgreement agreement = installments.propose(task.customerId(), task.caseId(), proposal,
                        user.getName());
                flash.addFlashAttribute("notice", "installment-" + agreement.status());
                return "redirect:/tasks/" + taskId;
            } catch (InvalidInstallmentException e) {
                e.errors().forEach(error -> errors.putIfAbsent(error.field(), error.message()));
            } catch (IllegalStateException e) {
                errors.put("amount", e.getMessage());
            }
        }
        flash.addFlashAttribute("installmentErrors", errors);
        flash.addFlashAttribute("installmentForm", form);
        return "redirect:/tasks/" + taskId;
    }

    private static InstallmentProposal proposal(Map<String, String> form, Map<String, String> errors) {
        BigDecimal amount = null;
        Integer payments = null;
        LocalDate firstDueOn = null;
        Period interval = null;
        try {
            amount = new BigDecimal(form.getOrDefault("amount", "").strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            errors.put("amount", "'" + form.get("amount") + "' is not an amount like 1250.50");
        }
        try {
            payments = Integer.valueOf(form.getOrDefault("payments", "").strip());
        } catch (NumberFormatException e) {
            errors.put("payments", "'" + form.get("payments") + "' is not a whole number");
        }
        try {
            firstDueOn = LocalDate.parse(form.getOrDefault("firstDueOn", "").strip());
        } catch (DateTimeParseException e) {
            errors.put("firstDueOn", "'" + form.get("firstDueOn") + "' is not a date like 2026-03-31");
        }
        try {
            interval = Period.parse(form.getOrDefault("interval", "P1M"));
        } catch (DateTimeParseException e) {
            errors.put("interval", "'" + form.get("interval") + "' is not a period like P1M");
        }
        String note = form.get("note");
        return new InstallmentProposal(amount, payments, firstDueOn, interval, note == null || note.isBlank() ? null : note);
    }
}
