package dev.dunning.ops;

import java.io.IOException;
import java.util.Set;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.dunning.timeline.Timeline;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Audits every change made through the engine APIs ({@code /process-api}, {@code /dmn-api}) that got through
 * {@link EngineApiGuard}: executing or moving a job, suspending a definition. The timeline entry names the admin,
 * the method and the path (engine ids only; bodies are not recorded, they may hold personal data).
 */
@Configuration(proxyBeanMethods = false)
class EngineApiAudit {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> engineApiAuditFilter(Timeline timeline) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                chain.doFilter(request, response);
                if (!READS.contains(request.getMethod()) && response.getStatus() < 400
                        && request.getUserPrincipal() != null) {
                    timeline.record(null, null, "engine-api", request.getUserPrincipal().getName(),
                            request.getMethod() + " " + request.getRequestURI() + " answered " + response.getStatus());
                }
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/process-api/*", "/dmn-api/*");
        registration.setName("engineApiAudit");
        return registration;
    }
}
