package dev.dunning.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Lawyers' escalated cases: the legal tasks of the inbox, each opening onto the dossier and its documents. */
@Controller
class LegalPages {

    @GetMapping("/legal")
    String legalCases() {
        return "redirect:/inbox?activity=handleLegalCase";
    }
}
