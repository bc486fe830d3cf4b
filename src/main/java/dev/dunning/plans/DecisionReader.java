package dev.dunning.plans;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.flowable.dmn.model.Decision;
import org.flowable.dmn.model.DecisionRule;
import org.flowable.dmn.model.DecisionTable;
import org.flowable.dmn.model.DmnDefinition;
import org.flowable.dmn.model.HitPolicy;
import org.flowable.dmn.model.InputClause;
import org.flowable.dmn.model.OutputClause;
import org.flowable.dmn.model.RuleInputClauseContainer;
import org.flowable.dmn.model.RuleOutputClauseContainer;
import org.flowable.dmn.xml.converter.DmnXMLConverter;

/**
 * Reads a plan-choice decision (a DMN file under {@code processes/}) and refuses what Dunning will not run: a DMN file
 * is code as much as a plan is. A decision is a decision table with one hit (UNIQUE, FIRST, ANY or PRIORITY) over the
 * declared inputs only ({@link #INPUTS}), one output {@code plan}; every input entry is {@code -} (any), a literal, or
 * a comparison ({@code == != < <= > >=}) with a literal; every output entry is a quoted plan key that {@code isPlan}
 * accepts. No expressions, so no method calls, bean names or variables other than the inputs. XML with a DTD or
 * external entities is refused before it is parsed.
 */
final class DecisionReader {

    /** The inputs a plan choice is given, and whether each is a number. */
    static final Map<String, Boolean> INPUTS = Map.of(
            "group", false, "amount", true, "service", false, "building", false, "unpaidInvoices", true);
    static final String OUTPUT = "plan";

    private static final Set<HitPolicy> SINGLE_HIT = Set.of(HitPolicy.UNIQUE, HitPolicy.FIRST, HitPolicy.ANY,
            HitPolicy.PRIORITY);
    private static final String NUMBER = "-?\\d{1,15}(?:\\.\\d{1,4})?";
    private static final String STRING = "\"[A-Za-z0-9 _.:/\\-\\u0400-\\u04FF]{0,128}\"";
    private static final Pattern ENTRY = Pattern.compile(
            "(==|!=|<=|>=|<|>)?\\s*(" + NUMBER + "|" + STRING + ")");
    private static final Pattern PLAN_KEY = Pattern.compile("\"([A-Za-z][A-Za-z0-9_.\\-]{0,127})\"");

    /** A decision that passed: its key and the plans it can choose. */
    record ReadDecision(String key, String name, Set<String> plans) {
    }

    /** Checks the file; returns its decisions, or throws with every problem found. */
    List<ReadDecision> read(String file, byte[] xml, Predicate<String> isPlan) {
        List<PlanProblemText> problems = new ArrayList<>();
        List<ReadDecision> decisions = check(file, xml, isPlan, problems);
        if (!problems.isEmpty()) {
            throw new InvalidDecisionException(file, problems.stream().map(PlanProblemText::text).toList());
        }
        return decisions;
    }

    /** A problem with the element it is about (null: the file). */
    record PlanProblemText(String element, String message) {
        String text() {
            return element == null ? message : element + ": " + message;
        }
    }

    List<ReadDecision> check(String file, byte[] xml, Predicate<String> isPlan, List<PlanProblemText> problems) {
        if (declaresDocumentType(xml)) {
            problems.add(new PlanProblemText(null, "a DTD or entity declaration is not allowed in a decision file"));
            return List.of();
        }
        DmnDefinition definition;
        try {
            // The file's own encoding (UTF-8 unless it says otherwise, such as UTF-16 with its byte order mark).
            definition = new DmnXMLConverter().convertToDmnModel(reader(xml));
        } catch (XMLStreamException | RuntimeException e) {
            String where = e instanceof XMLStreamException stream && stream.getLocation() != null
                    ? "line " + stream.getLocation().getLineNumber() + ": " : "";
            problems.add(new PlanProblemText(null, where + "not a readable DMN file: " + e.getMessage()));
            return List.of();
        }
        if (definition == null || definition.getDecisions().isEmpty()) {
            problems.add(new PlanProblemText(null, "the file holds no decision"));
            return List.of();
        }
        if (!definition.getDecisionServices().isEmpty()) {
            problems.add(new PlanProblemText(null, "decision services are not supported; use one decision table"));
        }
        List<ReadDecision> result = new ArrayList<>();
        for (Decision decision : definition.getDecisions()) {
            String id = decision.getId();
            if (!decision.getRequiredDecisions().isEmpty()) {
                problems.add(new PlanProblemText(id, "a plan choice may not require other decisions"));
            }
            if (!(decision.getExpression() instanceof DecisionTable table)) {
                problems.add(new PlanProblemText(id, "a plan choice must be a decision table"));
                continue;
            }
            result.add(new ReadDecision(id, decision.getName(), checkTable(id, table, isPlan, problems)));
        }
        return result;
    }

    /**
     * Whether the file declares a document type, found as the XML parser reads it (in whatever encoding the file is
     * in), before anything else reads it: a DTD can declare entities that read files or URLs of the server or expand
     * without end. A file that is not even XML is left to the parse that follows, which says where it breaks.
     */
    private static boolean declaresDocumentType(byte[] xml) {
        String text = new String(xml, java.nio.charset.StandardCharsets.UTF_8);
        if (text.contains("<!DOCTYPE") || text.contains("<!ENTITY")) {
            return true;
        }
        try {
            XMLStreamReader in = reader(xml);
            while (in.hasNext()) {
                int event = in.next();
                if (event == javax.xml.stream.XMLStreamConstants.DTD) {
                    return true;
                }
                if (event == javax.xml.stream.XMLStreamConstants.START_ELEMENT) {
                    return false; // a DTD can only come before the root element
                }
            }
            return false;
        } catch (XMLStreamException notXml) {
            return false;
        }
    }

    /** A reader that never loads a DTD or an external entity. */
    private static XMLStreamReader reader(byte[] xml) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newInstance();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory.createXMLStreamReader(new ByteArrayInputStream(xml));
    }

    private static Set<String> checkTable(String decision, DecisionTable table, Predicate<String> isPlan,
            List<PlanProblemText> problems) {
        if (table.getHitPolicy() != null && !SINGLE_HIT.contains(table.getHitPolicy())) {
            problems.add(new PlanProblemText(decision, "hit policy " + table.getHitPolicy()
                    + " may give several plans; use UNIQUE, FIRST, ANY or PRIORITY"));
        }
        Map<InputClause, String> inputNames = new java.util.IdentityHashMap<>();
        for (InputClause input : table.getInputs()) {
            String expression = input.getInputExpression() == null ? null : input.getInputExpression().getText();
            String name = expression == null ? "" : expression.strip();
            if (!INPUTS.containsKey(name)) {
                problems.add(new PlanProblemText(decision + "/" + input.getId(), "input '" + name
                        + "' is not one of " + String.join(", ", new java.util.TreeSet<>(INPUTS.keySet()))
                        + " (an input is a name, not an expression)"));
            }
            inputNames.put(input, name);
        }
        if (table.getOutputs().size() != 1 || !OUTPUT.equals(table.getOutputs().get(0).getName())) {
            problems.add(new PlanProblemText(decision, "a plan choice has exactly one output, named 'plan'"));
        }
        for (OutputClause output : table.getOutputs()) {
            if (output.getDefaultOutputEntry() != null) {
                problems.add(new PlanProblemText(decision + "/" + output.getId(),
                        "default output entries are not supported; add a last rule with '-' inputs"));
            }
        }
        Set<String> plans = new java.util.TreeSet<>();
        for (DecisionRule rule : table.getRules()) {
            String ruleId = decision + "/" + (rule.getId() == null ? "rule " + rule.getRuleNumber() : rule.getId());
            for (RuleInputClauseContainer entry : rule.getInputEntries()) {
                String input = inputNames.getOrDefault(entry.getInputClause(), "?");
                String text = entry.getInputEntry() == null || entry.getInputEntry().getText() == null ? ""
                        : entry.getInputEntry().getText().strip();
                checkInputEntry(ruleId, input, text, problems);
            }
            for (RuleOutputClauseContainer entry : rule.getOutputEntries()) {
                String text = entry.getOutputEntry() == null || entry.getOutputEntry().getText() == null ? ""
                        : entry.getOutputEntry().getText().strip();
                Matcher plan = PLAN_KEY.matcher(text);
                if (!plan.matches()) {
                    problems.add(new PlanProblemText(ruleId, "output '" + echo(text)
                            + "' must be a plan key in double quotes, like \"individual-standard\""));
                } else if (!isPlan.test(plan.group(1))) {
                    problems.add(new PlanProblemText(ruleId, "output plan '" + plan.group(1)
                            + "' is not a deployed collection plan"));
                } else {
                    plans.add(plan.group(1));
                }
            }
        }
        if (table.getRules().isEmpty()) {
            problems.add(new PlanProblemText(decision, "the decision table has no rules"));
        }
        return plans;
    }

    private static void checkInputEntry(String rule, String input, String text, List<PlanProblemText> problems) {
        if (text.isEmpty() || text.equals("-")) {
            return;
        }
        Matcher entry = ENTRY.matcher(text);
        if (!entry.matches()) {
            problems.add(new PlanProblemText(rule, "input entry '" + echo(text) + "' for " + input
                    + " is not allowed: use -, a literal (\"text\" or a number), or a comparison (== != < <= > >=)"
                    + " with a literal; expressions, method calls and names are refused"));
            return;
        }
        boolean numeric = !entry.group(2).startsWith("\"");
        Boolean numberInput = DecisionReader.INPUTS.get(input);
        if (numberInput != null && numberInput != numeric) {
            problems.add(new PlanProblemText(rule, "input entry '" + echo(text) + "' compares " + input + " with "
                    + (numeric ? "a number" : "text") + "; " + input + " is " + (numberInput ? "a number" : "text")));
        } else if (!numeric && entry.group(1) != null && !Set.of("==", "!=").contains(entry.group(1))) {
            problems.add(new PlanProblemText(rule, "input entry '" + echo(text) + "': text is compared with == or != only"));
        }
    }

    private static String echo(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
