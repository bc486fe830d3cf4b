package dev.dunning.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.NoSuchElementException;
import java.util.Set;

import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dunning.plans.PlanCatalog;
import dev.dunning.security.Roles;

/**
 * Analysts' plan pages: the deployed plans ({@code /plans}) and the modeler ({@code /plans/new},
 * {@code /plans/{key}/edit}). Managers may look at both; only analysts and admins get the buttons that change
 * plans (the server refuses anyone else's change anyway).
 */
@Controller
class PlanPages {

    /** The vendored browser build under static/vendor/bpmn-js (scripts/update-bpmn-js.sh). */
    static final String BPMN_JS_VERSION = "18.31.1";
    private static final Set<String> EDITORS = Set.of(Roles.ANALYST, Roles.ADMIN);

    private final PlanCatalog catalog;
    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final MessageSource messages;
    private final ObjectMapper json;
    private final List<String> editorMessageKeys;

    PlanPages(PlanCatalog catalog, RepositoryService repository, RuntimeService runtime, MessageSource messages,
            ObjectMapper json) {
        this.catalog = catalog;
        this.repository = repository;
        this.runtime = runtime;
        this.messages = messages;
        this.json = json;
        this.editorMessageKeys = editorMessageKeys();
    }

    /** The modeler's own texts: every key under editor.js. in the English bundle, which has them all. */
    private static List<String> editorMessageKeys() {
        Properties english = new Properties();
        try (var in = PlanPages.class.getResourceAsStream("/i18n/messages.properties")) {
            english.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read i18n/messages.properties", e);
        }
        return english.stringPropertyNames().stream().filter(key -> key.startsWith(EDITOR_MESSAGES)).sorted().toList();
    }

    private static final String EDITOR_MESSAGES = "editor.js.";

    @GetMapping("/plans")
    String plans(Authentication user, Model model) {
        List<PlanRow> rows = repository.createProcessDefinitionQuery().latestVersion().orderByProcessDefinitionKey()
                .asc().list().stream()
                .map(definition -> {
                    String kind = catalog.latest(definition.getKey()).isPresent() ? "collection"
                            : catalog.latestUpcoming(definition.getKey()).isPresent() ? "upcoming" : null;
                    return kind == null ? null : new PlanRow(definition.getKey(), definition.getName(),
                            definition.getVersion(), kind,
                            runtime.createProcessInstanceQuery().processDefinitionKey(definition.getKey()).count());
                })
                .filter(java.util.Objects::nonNull).toList();
        model.addAttribute("plans", rows);
        model.addAttribute("canEdit", canEdit(user));
        return "plans";
    }

    @GetMapping("/plans/new")
    String newPlan(Authentication user, Model model, Locale locale) {
        return editor(user, model, null, locale);
    }

    @GetMapping("/plans/{key}/edit")
    String edit(@PathVariable String key, Authentication user, Model model, Locale locale) {
        if (repository.createProcessDefinitionQuery().processDefinitionKey(key).count() == 0) {
            throw new NoSuchElementException("There is no plan " + key + ".");
        }
        return editor(user, model, key, locale);
    }

    private String editor(Authentication user, Model model, String key, Locale locale) {
        Map<String, String> texts = new TreeMap<>();
        editorMessageKeys.forEach(name -> texts.put(name.substring(EDITOR_MESSAGES.length()),
                messages.getMessage(name, null, name, locale)));
        try {
            model.addAttribute("editorMessages", json.writeValueAsString(texts));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        model.addAttribute("planKey", key);
        model.addAttribute("canEdit", canEdit(user));
        model.addAttribute("bpmnJs", "/vendor/bpmn-js/" + BPMN_JS_VERSION);
        return "plan-editor";
    }

    private static boolean canEdit(Authentication user) {
        return Pages.roles(user).stream().anyMatch(EDITORS::contains);
    }
}
