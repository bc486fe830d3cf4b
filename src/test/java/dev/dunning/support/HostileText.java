package dev.dunning.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * What a billing registry, a collector or a debtor may type where a name, an address or a comment goes: markup and
 * script (a script element, an attribute breaking out of its quotes, {@code javascript:} addresses, an element
 * closing the one it is printed in) and template code (FreeMarker's {@code ${...}}, {@code #{...}},
 * {@code [=...]} and directives, a client-side {@code {{...}}}). Shown anywhere, it must be shown as the text it is.
 * Whatever would run sets {@code window.hostile} or calls {@code alert}; whatever a template would run prints
 * {@value #INTERPRETED}.
 */
public final class HostileText {

    /** What the template code below prints if anything runs it as a template. */
    public static final String INTERPRETED = "INJECTED";

    public static final String NAME = "Anna <script>window.hostile=1;alert(1)</script>\"><img src=x"
            + " onerror=\"window.hostile=2;alert(2)\">' onmouseover='window.hostile=3' ${\"injected\"?upper_case}"
            + " #{7*7} [=\"injected\"?upper_case] {{\"injected\".toUpperCase()}}";
    public static final String ADDRESS = "javascript:alert(4)// <a href=\"javascript:window.hostile=5\">pay here</a>"
            + " <iframe src=\"javascript:window.hostile=6\"></iframe>";
    /** Also printed inside a page's JSON script element (the report chart): it must not close it. */
    public static final String BUILDING = "</script><script>window.hostile=7</script> & <b>Tower</b>";
    public static final String SERVICE = "<svg onload=\"window.hostile=8\">";
    public static final String CONTRACT = "\"><img src=x onerror=window.hostile=9>";
    /** A collector's note, a freeze's reason, a debtor's dispute: it also tries to leave a textarea. */
    public static final String COMMENT = "</textarea><img src=x onerror=window.hostile=10> ${\"injected\"?upper_case}"
            + " <#list 1..3 as i>${i}</#list> <#include \"/etc/passwd\">";

    /** Pieces that appear in a page only if a value above was printed without escaping. */
    private static final List<String> RAW = List.of("<script>window.hostile", "</script><script>", "<img src=x",
            "<iframe", "<svg", "<b>Tower", "href=\"javascript:", "src=\"javascript:", "' onmouseover='",
            "</textarea><img", "<#list", "<#include", INTERPRETED);

    private HostileText() {
    }

    /** What FreeMarker's HTML output format prints for {@code text}. */
    public static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** The page printed no hostile value raw (it may print none at all: say which it must show with {@link #shows}). */
    public static void assertNothingRaw(String what, String html) {
        assertThat(html).as(what).isNotNull();
        for (String raw : RAW) {
            assertThat(html).as("%s printed %s unescaped", what, raw).doesNotContain(raw);
        }
    }

    /** The page shows each of {@code values}, escaped, and nothing hostile raw. */
    public static void shows(String what, String html, String... values) {
        assertNothingRaw(what, html);
        for (String value : values) {
            assertThat(html).as("%s shows the value as text", what).contains(escaped(value));
        }
    }
}
