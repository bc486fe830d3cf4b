package dev.dunning.reports;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The dashboard's figures as JSON, for the page's charts and for scripts ({@code ?group=&plan=&building=&service=&provider=}). */
@RestController
@RequestMapping("/api/dashboard")
class DashboardApi {

    private final Dashboard dashboard;

    private final dev.dunning.providers.Providers providers;

    DashboardApi(Dashboard dashboard, dev.dunning.providers.Providers providers) {
        this.dashboard = dashboard;
        this.providers = providers;
    }

    @GetMapping
    DashboardFigures figures(@RequestParam(required = false) String group, @RequestParam(required = false) String plan,
            @RequestParam(required = false) String building, @RequestParam(required = false) String service,
            @RequestParam(required = false) String provider) {
        return dashboard.figures(new PictureFilter(group, plan, building, service).forProvider(provider, providers));
    }

    @GetMapping("/choices")
    Dashboard.FilterChoices choices() {
        return dashboard.choices();
    }
}
