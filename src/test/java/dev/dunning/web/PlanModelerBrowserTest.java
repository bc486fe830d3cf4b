package dev.dunning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import dev.dunning.support.Browser;
import dev.dunning.support.DunningTest;

/** An analyst draws, checks, fixes and deploys a plan in the modeler, and imports one drawn in Camunda Modeler. */
@DunningTest
class PlanModelerBrowserTest {

    @RegisterExtension
    Browser browser = new Browser();

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    @LocalServerPort
    int port;

    @BeforeEach
    void setUp() {
        browser.at(port);
    }

    @Test
    void everyShippedPlanOpensInTheModelerAndIsSavedWithEveryAttributeItHad() throws Exception {
        browser.logIn("analyst", "analyst");
        List<Path> shipped;
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            shipped = files.filter(file -> file.toString().endsWith(".bpmn20.xml")).sorted().toList();
        }
        assertThat(shipped).isNotEmpty();
        for (Path file : shipped) {
            String key = file.getFileName().toString().replace(".bpmn20.xml", "");
            browser.open("/plans/" + key + "/edit");
            waitUntilReady();
            String saved = savedXml();
            Map<String, String> before = semantics(Files.readAllBytes(file));
            Map<String, String> after = semantics(saved.getBytes(StandardCharsets.UTF_8));
            assertThat(difference(after, before)).as(key + ": saved but not in the file").isEmpty();
            assertThat(difference(before, after)).as(key + ": in the file but not saved").isEmpty();
            assertThat(saved).as(key + " is drawn").contains("BPMNShape");
        }
    }

    @Test
    void anAnalystDrawsAPlanFromThePaletteChecksItFixesTheProblemAndDeploysIt() throws Exception {
        String key = "modeler-test-" + Long.toString(System.nanoTime(), 36);
        browser.logIn("analyst", "analyst");
        browser.open("/plans");
        browser.find(By.id("new-plan")).click();
        waitUntilReady();

        typeInto("key", key);
        typeInto("name", "Drawn in the browser test");
        typeInto("graceDays", "7");
        typeInto("minimumAmount", "250.00");
        browser.find(By.cssSelector("[data-element-id='caseOpened']")).click();
        browser.find(By.cssSelector(".djs-palette [data-action='dunning-send-notice']")).click();
        assertThat(browser.find(By.cssSelector("#element-properties input[name='id']")).getDomProperty("value"))
                .isEqualTo("sendNotice");
        browser.find(By.cssSelector("input[name='channel'][value='sms']")).click();

        browser.find(By.id("check-plan")).click();
        WebElement problem = waitFor(By.cssSelector("#problems li[data-element='sendNotice']"));
        assertThat(browser.find(By.cssSelector("[data-element-id='sendNotice']")).getDomAttribute("class"))
                .contains("plan-problem");
        screenshot("check-points-at-the-step");
        browser.find(By.cssSelector("[data-element-id='caseOpened']")).click();
        problem.findElement(By.tagName("button")).click();
        assertThat(browser.find(By.cssSelector("#element-properties input[name='id']")).getDomProperty("value"))
                .as("the problem's element is selected").isEqualTo("sendNotice");
        new Select(browser.find(By.cssSelector("select[name='template']"))).selectByValue("first-reminder");

        browser.find(By.id("check-plan")).click();
        waitForText(By.id("editor-status"), "can be deployed");
        Map<String, String> saved = semantics(savedXml().getBytes(StandardCharsets.UTF_8));
        assertThat(saved.get("{" + BPMN + "}serviceTask #sendNotice"))
                .contains("{http://flowable.org/bpmn}expression=${plan.sendNotice(execution, 'first-reminder', 'email,sms')}")
                .contains("{http://flowable.org/bpmn}async=true");
        assertThat(saved.get("{" + BPMN + "}process #" + key)).contains("{https://dunning.dev/bpmn}graceDays=7")
                .contains("{https://dunning.dev/bpmn}minimumAmount=250.00");
        assertThat(saved.get("{" + BPMN + "}sequenceFlow #toSendNotice"))
                .as("the new flow is named for where it leads").contains("sourceRef=caseOpened").contains("targetRef=sendNotice");

        browser.find(By.id("deploy-plan")).click();
        waitForText(By.id("editor-status"), "Deployed " + key + ", version 1");

        browser.open("/plans");
        WebElement row = browser.find(By.cssSelector("tr[data-plan='" + key + "']"));
        assertThat(row.findElement(By.className("version")).getText()).isEqualTo("1");
        assertThat(row.getText()).contains("Drawn in the browser test").contains("collection");
    }

    @Test
    void paletteStepsComeWithTheirSettingsAndUndoTakesAChangeBack() throws Exception {
        browser.logIn("analyst", "analyst");
        browser.open("/plans/new");
        waitUntilReady();

        browser.find(By.cssSelector("[data-element-id='caseOpened']")).click();
        browser.find(By.cssSelector(".djs-palette [data-action='dunning-call-task']")).click();
        assertThat(new Select(browser.find(By.cssSelector("select[name='candidateGroups']"))).getFirstSelectedOption()
                .getText()).isEqualTo("collectors");
        browser.find(By.cssSelector(".djs-palette [data-action='dunning-timer']")).click();
        assertThat(browser.find(By.id("duration-hint")).getText()).isEqualTo("3 days");
        WebElement duration = browser.find(By.cssSelector("#properties input[name='duration']"));
        // Typed over, as a person does: clearing the field first would already be a change.
        duration.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), "PT30M",
                org.openqa.selenium.Keys.TAB);
        waitForText(By.id("duration-hint"), "30 minutes");
        assertThat(browser.find(By.cssSelector("#properties input[name='name']")).getDomProperty("value"))
                .as("a wait named after its duration follows it").isEqualTo("30 minutes");

        // The lawyer's step brings the step that records the lawyer's outcome too.
        browser.find(By.cssSelector(".djs-palette [data-action='dunning-lawyer-task']")).click();

        Map<String, String> saved = semantics(savedXml().getBytes(StandardCharsets.UTF_8));
        assertThat(saved.get("{" + BPMN + "}userTask #callDebtor")).contains("formKey=call-debtor")
                .contains("{https://dunning.dev/bpmn}stage=call");
        assertThat(saved.get("{" + BPMN + "}sequenceFlow #toRecordCallOutcome")).contains("sourceRef=callDebtor");
        assertThat(saved.get("{" + BPMN + "}sequenceFlow #toWait")).contains("sourceRef=recordCallOutcome");
        assertThat(only(saved, "{" + BPMN + "}timeDuration ")).endsWith(" PT30M");
        assertThat(saved.get("{" + BPMN + "}userTask #handleLegalCase")).contains("candidateGroups=lawyers");
        assertThat(saved.get("{" + BPMN + "}sequenceFlow #toHandleLegalCase")).contains("sourceRef=wait");
        assertThat(saved.get("{" + BPMN + "}sequenceFlow #toRecordLegalOutcome")).contains("sourceRef=handleLegalCase");

        browser.find(By.cssSelector("[data-element-id='wait']")).click();
        WebElement canvas = browser.find(By.cssSelector("#canvas svg"));
        // One undo takes the whole lawyer's step back, the next the duration with the name that followed it.
        new org.openqa.selenium.interactions.Actions(browser.driver()).moveToElement(canvas, 10, 10).click()
                .keyDown(org.openqa.selenium.Keys.CONTROL).sendKeys("z").sendKeys("z")
                .keyUp(org.openqa.selenium.Keys.CONTROL).perform();
        Map<String, String> undone = semantics(savedXml().getBytes(StandardCharsets.UTF_8));
        assertThat(undone).doesNotContainKey("{" + BPMN + "}userTask #handleLegalCase");
        assertThat(only(undone, "{" + BPMN + "}timeDuration ")).endsWith(" P3D");
        assertThat(undone.get("{" + BPMN + "}intermediateCatchEvent #wait")).contains("name=3 days");
    }

    @Test
    void anAnalystImportsACamundaModelerFileAndSeesWhatWasNotCarriedOver() {
        browser.logIn("analyst", "analyst");
        browser.open("/plans/new");
        waitUntilReady();
        WebElement upload = browser.find(By.id("import-file"));
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].hidden = false", upload);
        upload.sendKeys(Path.of("src/test/resources/plans/import/camunda7-reminder.bpmn").toAbsolutePath().toString());

        waitForText(By.id("editor-status"), "Imported");
        WebElement notes = browser.find(By.id("problems"));
        assertThat(notes.getText()).contains("chargeCard camunda:class").contains("Java class")
                .contains("callDebtor camunda:taskListener").contains("camunda-reminder camunda:historyTimeToLive");
        assertThat(browser.find(By.cssSelector("[data-element-id='chargeCard']")).getDomAttribute("class"))
                .contains("plan-problem");
        browser.find(By.cssSelector("[data-element-id='callDebtor']")).click();
        assertThat(new Select(browser.find(By.cssSelector("select[name='candidateGroups']"))).getFirstSelectedOption()
                .getText()).isEqualTo("collectors");
        assertThat(new Select(browser.find(By.cssSelector("select[name='formKey']"))).getFirstSelectedOption()
                .getText()).isEqualTo("call-debtor");

        browser.find(By.cssSelector("[data-element-id='chargeCard']")).click();
        WebElement javaClass = browser.find(By.xpath("//li[@class='foreign'][code[contains(., 'camunda:class')]]"));
        javaClass.findElement(By.tagName("button")).click();
        assertThat(savedXml()).as("the analyst took the Java class out").doesNotContain("camunda:class")
                .contains("camunda:connector");
    }

    /** A picture of the page in the middle of a test (the last page of each test is kept anyway). */
    private void screenshot(String name) throws java.io.IOException {
        Path folder = Files.createDirectories(Path.of("target", "browser-screenshots"));
        Files.write(folder.resolve(getClass().getSimpleName() + "-" + name + ".png"),
                ((org.openqa.selenium.TakesScreenshot) browser.driver()).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    private void typeInto(String name, String value) {
        WebElement input = browser.find(By.cssSelector("#properties input[name='" + name + "']"));
        input.clear();
        input.sendKeys(value, org.openqa.selenium.Keys.TAB);
    }

    private WebElement waitFor(By by) {
        return browser.await(driver -> driver.findElement(by));
    }

    private void waitForText(By by, String text) {
        browser.await(driver -> driver.findElement(by).getText().contains(text));
    }

    /** The one entry of this kind (the test's plan has one such element). */
    private static String only(Map<String, String> semantics, String kind) {
        List<String> values = semantics.entrySet().stream().filter(entry -> entry.getKey().startsWith(kind))
                .map(Map.Entry::getValue).toList();
        assertThat(values).as(kind).hasSize(1);
        return values.get(0);
    }

    private static Map<String, String> difference(Map<String, String> these, Map<String, String> others) {
        Map<String, String> different = new TreeMap<>(these);
        different.entrySet().removeIf(entry -> entry.getValue().equals(others.get(entry.getKey())));
        return different;
    }

    private void waitUntilReady() {
        browser.await(driver -> "true".equals(driver.findElement(By.id("plan-editor")).getDomAttribute("data-ready")));
    }

    private String savedXml() {
        return (String) ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + " window.dunningEditor.saveXML().then(done, e => done('failed: ' + e));");
    }

    /**
     * What a plan means, diagram left aside: for every element of the model (by id, or by its place under the
     * nearest element with an id) its attributes by namespace and name, and its own text.
     */
    static Map<String, String> semantics(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element root = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml)).getDocumentElement();
        Map<String, String> found = new TreeMap<>();
        collect(root, "", found);
        return found;
    }

    /** BPMN's own defaults: bpmn-js leaves out an attribute that says the default, and so does the meaning. */
    private static final Map<String, String> BPMN_DEFAULTS = Map.of("isInterrupting", "true", "cancelActivity", "true",
            "triggeredByEvent", "false", "isForCompensation", "false", "startQuantity", "1", "completionQuantity", "1",
            "parallelMultiple", "false", "isClosed", "false", "instantiate", "false");

    private static void collect(Element element, String path, Map<String, String> found) {
        String namespace = element.getNamespaceURI();
        if (namespace != null && namespace.startsWith("http://www.omg.org/spec/BPMN/20100524/DI")) {
            return;
        }
        Map<String, String> attributes = new TreeMap<>();
        var map = element.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
            Attr attribute = (Attr) map.item(i);
            if ("http://www.w3.org/2000/xmlns/".equals(attribute.getNamespaceURI())) {
                continue;
            }
            String value = attribute.getValue();
            if ("type".equals(attribute.getLocalName())
                    && "http://www.w3.org/2001/XMLSchema-instance".equals(attribute.getNamespaceURI())) {
                value = value.substring(value.indexOf(':') + 1); // the prefix of the type's name is the writer's choice
            }
            if (attribute.getNamespaceURI() == null && value.equals(BPMN_DEFAULTS.get(attribute.getLocalName()))) {
                continue;
            }
            attributes.put("{" + attribute.getNamespaceURI() + "}" + attribute.getLocalName(), value);
        }
        StringBuilder text = new StringBuilder();
        Map<String, Integer> seen = new TreeMap<>(); // the n-th child of that name
        String here = element.hasAttribute("id") ? element.getAttribute("id") : path;
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            } else if (child instanceof Element nested) {
                int index = seen.merge(nested.getLocalName(), 1, Integer::sum) - 1;
                collect(nested, here + "/" + nested.getLocalName() + "[" + index + "]", found);
            }
        }
        String key = element.hasAttribute("id") ? "#" + element.getAttribute("id") : path;
        found.put("{" + namespace + "}" + element.getLocalName() + " " + key,
                attributes + " " + text.toString().strip());
    }
}
