package dev.dunning.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.RequestContextUtils;

import dev.dunning.clock.BusinessClock;
import dev.dunning.inbox.Inbox;

/** What every page gets: who is logged in with which roles, business time, and how to print money and times. */
@ControllerAdvice(basePackages = "dev.dunning.web")
class Pages {

    private final BusinessClock clock;
    private final Inbox inbox;

    Pages(BusinessClock clock, Inbox inbox) {
        this.clock = clock;
        this.inbox = inbox;
    }

    /** The person on the page as the inbox knows them. */
    Inbox.Worker worker(Authentication user) {
        return inbox.worker(user.getName(), roles(user));
    }

    static Set<String> roles(Authentication user) {
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_"))
                .map(authority -> authority.substring("ROLE_".length())).collect(Collectors.toSet());
    }

    @ModelAttribute
    void common(org.springframework.ui.Model model, jakarta.servlet.http.HttpServletRequest request) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        boolean loggedIn = user != null && user.isAuthenticated() && !"anonymousUser".equals(user.getName());
        model.addAttribute("userName", loggedIn ? user.getName() : null);
        model.addAttribute("roles", loggedIn ? roles(user) : Set.of());
        Locale locale = RequestContextUtils.getLocale(request);
        model.addAttribute("lang", "ru".equals(locale.getLanguage()) ? "ru" : "en");
        model.addAttribute("fmt", new Formats(locale, clock.getZone(), clock.now()));
        model.addAttribute("currentPath", request.getRequestURI());
    }

    /** Printing for views: money with two decimals in the page's language, times in the company's zone. */
    public static final class Formats {

        private final Locale locale;
        private final ZoneId zone;
        private final Instant now;
        private final DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

        Formats(Locale locale, ZoneId zone, Instant now) {
            this.locale = locale;
            this.zone = zone;
            this.now = now;
        }

        /** A form's text in the page's language (English, else the first given, when it has none). */
        public String text(Object text) {
            return text instanceof dev.dunning.inbox.LocalizedText localized ? localized.in(locale)
                    : text == null ? "" : text.toString();
        }

        public String money(BigDecimal amount) {
            if (amount == null) {
                return "";
            }
            NumberFormat format = NumberFormat.getNumberInstance(locale);
            format.setMinimumFractionDigits(2);
            format.setMaximumFractionDigits(2);
            return format.format(amount);
        }

        public String time(Instant instant) {
            return instant == null ? "" : time.format(instant.atZone(zone));
        }

        public boolean past(Instant instant) {
            return instant != null && instant.isBefore(now);
        }

        public String today() {
            return now.atZone(zone).toLocalDate().toString();
        }

        public String now() {
            return time(now);
        }
    }
}
