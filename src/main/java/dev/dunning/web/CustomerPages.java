package dev.dunning.web;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import dev.dunning.ledger.CustomerSearch;

/** Finding a customer (by the start of their id, name or phone) and their card. */
@Controller
class CustomerPages {

    private final CustomerSearch search;
    private final CustomerCards cards;

    CustomerPages(CustomerSearch search, CustomerCards cards) {
        this.search = search;
        this.cards = cards;
    }

    @GetMapping("/customers")
    String search(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("page", Math.max(0, page));
        if (q != null && !q.isBlank()) {
            List<CustomerSearch.Found> found = search.find(q, Math.max(0, page), CustomerSearch.PAGE + 1);
            model.addAttribute("hasNext", found.size() > CustomerSearch.PAGE);
            model.addAttribute("found", found.size() > CustomerSearch.PAGE ? found.subList(0, CustomerSearch.PAGE) : found);
        } else {
            model.addAttribute("found", List.of());
            model.addAttribute("hasNext", false);
        }
        return "customers";
    }

    @GetMapping("/customers/{customerId}")
    String card(@PathVariable String customerId, Model model) {
        model.addAttribute("card", cards.of(customerId, null));
        return "customer";
    }
}
