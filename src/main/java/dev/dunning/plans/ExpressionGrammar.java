package dev.dunning.plans;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.flowable.common.engine.impl.de.odysseus.el.tree.Node;
import org.flowable.common.engine.impl.de.odysseus.el.tree.TreeBuilderException;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.Builder;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstBinary;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstBoolean;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstBracket;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstChoice;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstComposite;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstDot;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstEval;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstFunction;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstIdentifier;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstMethod;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstNested;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstNull;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstNumber;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstParameters;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstString;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstText;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstUnary;

/**
 * The small expression language plans may use, checked on the syntax tree of the engine's own EL parser (so
 * what is checked is what the engine will run). Allowed: literals; process variables and {@code execution} by
 * name; comparisons, arithmetic, {@code and/or/not}, {@code empty}, {@code ?:} and parentheses; calls
 * {@code plan.<function>(...)} of a function of the step library with the number of arguments it takes.
 * Everything else is refused: property reads ({@code a.b}, {@code ''.class}), bracket access, calls on
 * anything but the step library ({@code execution.setVariable}, {@code x.getClass()}), EL functions
 * ({@code fn:...}), deferred {@code #{}} and names of engine objects or application beans.
 */
final class ExpressionGrammar {

    /** A call of a step-library function; {@code literals} holds each argument's literal value, or null. */
    record PlanCall(String planName, String function, List<String> literals) {
        String literal(int index) {
            return index < literals.size() ? literals.get(index) : null;
        }
    }

    /** What checking one expression found: reasons to refuse it (empty if allowed) and the plan calls it makes. */
    record Checked(List<String> refusals, List<PlanCall> calls) {
        boolean allowed() {
            return refusals.isEmpty();
        }
    }

    private static final Set<String> REFLECTION = Set.of("getClass", "forName", "class", "getMethod", "invoke",
            "newInstance", "getDeclaredMethod", "getRuntime", "exec", "getClassLoader", "loadClass");

    private final StepLibrary library;
    private final Builder parser = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

    ExpressionGrammar(StepLibrary library) {
        this.library = library;
    }

    /** Whether the text holds an expression at all ({@code ${} or {@code #{}}); plain text is a literal. */
    static boolean isExpression(String text) {
        return text != null && (text.contains("${") || text.contains("#{"));
    }

    Checked check(String expression) {
        List<String> refusals = new ArrayList<>();
        List<PlanCall> calls = new ArrayList<>();
        if (expression == null || expression.isBlank()) {
            return new Checked(List.of(), List.of());
        }
        Node root;
        try {
            root = parser.build(expression).getRoot();
        } catch (TreeBuilderException e) {
            String message = e.getMessage();
            int at = message.indexOf("': ");
            return new Checked(List.of("cannot be parsed: " + (at >= 0 ? message.substring(at + 3) : message)
                    + hint(expression)), List.of());
        }
        walk(root, refusals, calls);
        return new Checked(refusals.stream().distinct().toList(), Collections.unmodifiableList(calls));
    }

    private static String hint(String expression) {
        if (expression.contains("->")) {
            return " (lambda expressions are not part of the plan grammar)";
        }
        if (expression.contains(";")) {
            return " (expressions cannot be chained with ';')";
        }
        if (expression.replace("==", "").replace("!=", "").replace("<=", "").replace(">=", "").contains("=")) {
            return " (assignment '=' is not part of the plan grammar; compare with ==)";
        }
        return "";
    }

    private void walk(Node node, List<String> refusals, List<PlanCall> calls) {
        if (node instanceof AstText || node instanceof AstString || node instanceof AstNumber
                || node instanceof AstBoolean || node instanceof AstNull) {
            return;
        }
        if (node instanceof AstEval eval && eval.isDeferred()) {
            refusals.add("#{...} is not used in plans; write ${...}");
        } else if (node instanceof AstIdentifier identifier) {
            checkIdentifier(identifier.getName(), refusals);
            return;
        } else if (node instanceof AstMethod method) {
            checkCall(method, refusals, calls);
            return;
        } else if (node instanceof AstDot dot) {
            String property = propertyOf(dot);
            refusals.add(REFLECTION.contains(property)
                    ? "reflection ('." + property + "') is refused; plans can only call plan functions"
                    : "reading properties ('" + describe(dot.getChild(0)) + "." + property + "') is refused; read process"
                            + " variables by name or call a plan function");
            walk(dot.getChild(0), refusals, calls);
            return;
        } else if (node instanceof AstBracket) {
            refusals.add("bracket access ('a[...]') is refused; read process variables by name");
            return;
        } else if (node instanceof AstFunction function) {
            refusals.add("EL functions ('" + function.getName() + "(...)') are refused; call a plan function instead");
            return;
        } else if (!(node instanceof AstComposite || node instanceof AstEval || node instanceof AstNested
                || node instanceof AstBinary || node instanceof AstUnary || node instanceof AstChoice
                || node instanceof AstParameters)) {
            refusals.add("'" + node + "' is not part of the plan grammar");
            return;
        }
        for (int i = 0; i < node.getCardinality(); i++) {
            walk(node.getChild(i), refusals, calls);
        }
    }

    private void checkIdentifier(String name, List<String> refusals) {
        if (library.isPlanName(name)) {
            refusals.add("'" + name + "' is the step library; call one of its functions, such as " + name + ".sendNotice(...)");
        } else if (library.isReserved(name)) {
            refusals.add("'" + name + "' names an engine object or an application bean, which plans cannot reach;"
                    + " plans read process variables and call plan functions");
        }
    }

    private void checkCall(AstMethod method, List<String> refusals, List<PlanCall> calls) {
        Node target = method.getChild(0);
        AstParameters parameters = (AstParameters) method.getChild(1);
        if (!(target instanceof AstDot dot)) {
            refusals.add("bracket access ('a[...](...)') is refused; call plan functions as plan.function(...)");
            return;
        }
        String function = propertyOf(dot);
        Node base = dot.getChild(0);
        int arguments = parameters.getCardinality();
        if (base instanceof AstIdentifier identifier && library.isPlanName(identifier.getName())) {
            String planName = identifier.getName();
            Set<Integer> arities = library.arities(planName, function);
            if (arities.isEmpty()) {
                refusals.add("'" + planName + "." + function + "' is not a function of Dunning's step library; its functions are "
                        + library.functions(planName));
            } else if (!arities.contains(arguments)) {
                refusals.add("'" + planName + "." + function + "' takes " + join(arities) + " arguments, not " + arguments);
            } else {
                List<String> literals = new ArrayList<>();
                for (int i = 0; i < arguments; i++) {
                    literals.add(literal(parameters.getChild(i)));
                }
                calls.add(new PlanCall(planName, function, Collections.unmodifiableList(literals)));
            }
        } else if (REFLECTION.contains(function)) {
            refusals.add("reflection ('." + function + "(...)') is refused; plans can only call plan functions");
        } else if (base instanceof AstIdentifier identifier && "execution".equals(identifier.getName())) {
            refusals.add("calling '" + function + "' on execution is refused; plans read variables by name and change"
                    + " them through plan functions");
        } else {
            refusals.add("calling '" + function + "' on '" + describe(base) + "' is refused; only plan functions ("
                    + String.join(", ", library.planNames()) + ".<function>) can be called");
        }
        if (!(base instanceof AstIdentifier identifier && library.isPlanName(identifier.getName()))) {
            walk(base, refusals, calls);
        }
        for (int i = 0; i < arguments; i++) {
            walk(parameters.getChild(i), refusals, calls);
        }
    }

    private static String join(Set<Integer> arities) {
        return String.join(" or ", arities.stream().map(String::valueOf).toList());
    }

    /** The literal value of an argument (strings, numbers, booleans), or null if it is computed. */
    private static String literal(Node node) {
        if (node instanceof AstString || node instanceof AstNumber || node instanceof AstBoolean) {
            Object value = ((org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstLiteral) node).eval(null, null);
            return String.valueOf(value);
        }
        return null;
    }

    private static String propertyOf(AstDot dot) {
        String text = dot.toString(); // ". name"
        return text.startsWith(". ") ? text.substring(2) : text;
    }

    private static String describe(Node node) {
        if (node instanceof AstIdentifier identifier) {
            return identifier.getName();
        }
        if (node instanceof AstString) {
            return "a string";
        }
        if (node instanceof AstMethod method && method.getChild(0) instanceof AstDot dot) {
            return describe(dot.getChild(0)) + "." + propertyOf(dot) + "(...)";
        }
        if (node instanceof AstDot dot) {
            return describe(dot.getChild(0)) + "." + propertyOf(dot);
        }
        return "an expression";
    }
}
