package dev.dunning.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.dunning.reports.Dashboard;
import dev.dunning.reports.PictureFilter;

/** Managers' dashboard: the figures as tables (no script needed); dashboard.js draws the charts from the same API. */
@Controller
class DashboardPages {

    private final Dashboard dashboard;

    private final dev.dunning.providers.Providers providers;

    DashboardPages(Dashboard dashboard, dev.dunning.providers.Providers providers) {
        this.providers = providers;
        this.dashboard = dashboard;
    }

    @GetMapping("/dashboard")
    String dashboard(Model model, @RequestParam(required = false) String group,
            @RequestParam(required = false) String plan, @RequestParam(required = false) String building,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String provider) {
        PictureFilter filter = new PictureFilter(group, plan, building, service).forProvider(provider, providers);
        model.addAttribute("filter", filter);
        model.addAttribute("choices", dashboard.choices());
        model.addAttribute("providers", providers.all());
        model.addAttribute("figures", dashboard.figures(filter));
        model.addAttribute("stages", Dashboard.STAGES);
        return "dashboard";
    }
}
