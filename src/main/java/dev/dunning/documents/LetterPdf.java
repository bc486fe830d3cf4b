package dev.dunning.documents;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import javax.xml.parsers.DocumentBuilderFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.xml.sax.InputSource;

import dev.dunning.clock.BusinessClock;
import dev.dunning.notify.NoticePdf;
import dev.dunning.notify.OutgoingNotice;
import dev.dunning.payments.PaymentOffer;

/**
 * A notice as an A4 letter in PDF: the company as letterhead, the recipient's address, the date, the subject and the
 * text. The HTML variant of the notice is used when it is well-formed XHTML; otherwise, and for plain-text notices,
 * the text is laid out paragraph by paragraph. The font is Liberation Sans from PDFBox itself, which has Latin and
 * Cyrillic letters, embedded so the letter prints the same everywhere.
 * <p>
 * When the notice offers a way to pay ({@code dunning.payments.*}), the letter ends with a payment slip: the QR code
 * a banking app scans, the payee, the amount, the purpose and the payment link, whatever the template says.
 */
@Component
class LetterPdf implements NoticePdf {

    private final BusinessClock clock;
    private final String companyName;
    private final String currency;

    LetterPdf(BusinessClock clock, @Value("${dunning.notify.company-name:Dunning demo}") String companyName,
            @Value("${dunning.ledger.currency:RUB}") String currency) {
        this.clock = clock;
        this.companyName = companyName;
        this.currency = currency;
        PdfLayout.requireFont();
    }

    @Override
    public byte[] render(OutgoingNotice notice) {
        return PdfLayout.pdf(xhtml(notice), "Letter", "notice " + notice.noticeId());
    }

    private String xhtml(OutgoingNotice notice) {
        Locale locale = Locale.forLanguageTag(notice.locale() == null ? "ru" : notice.locale().replace('_', '-'));
        String date = clock.today().format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale));
        String content = notice.htmlBody() != null && wellFormed(notice.htmlBody()) ? notice.htmlBody()
                : paragraphs(notice.body());
        return """
                <!DOCTYPE html>
                <html xmlns="http://www.w3.org/1999/xhtml"><head><meta charset="UTF-8"/><style>
                  @page { size: A4; margin: 20mm 20mm 20mm 25mm; }
                  body { font-family: 'Letter'; font-size: 11pt; line-height: 1.4; }
                  .letterhead { font-size: 14pt; border-bottom: 1px solid #444; padding-bottom: 3mm; margin-bottom: 10mm; }
                  .address { margin-left: 90mm; min-height: 25mm; white-space: pre-line; }
                  .date { margin: 8mm 0 6mm 0; }
                  .subject { font-size: 12pt; margin-bottom: 6mm; }
                  p { margin: 0 0 3mm 0; }
                  .payment { margin-top: 10mm; border: 1px dashed #444; padding: 4mm; page-break-inside: avoid; }
                  .payment td { vertical-align: top; padding-right: 5mm; }
                  .payment .heading { font-size: 12pt; margin-bottom: 2mm; }
                  .payment .link { word-wrap: break-word; }
                </style></head><body>
                <div class="letterhead">%s</div>
                <div class="address">%s</div>
                <div class="date">%s</div>
                <div class="subject">%s</div>
                <div class="content">%s</div>
                %s
                </body></html>""".formatted(escape(companyName), escape(notice.recipient()), escape(date),
                escape(notice.subject() == null ? "" : notice.subject()), content, paymentSlip(notice.payment(), locale));
    }

    private String paymentSlip(PaymentOffer payment, Locale locale) {
        if (payment == null) {
            return "";
        }
        boolean russian = !"en".equals(locale.getLanguage());
        StringBuilder details = new StringBuilder();
        details.append("<div class=\"heading\">").append(russian ? "Как оплатить" : "How to pay").append("</div>");
        if (payment.hasQrCode()) {
            details.append("<p>").append(russian ? "Отсканируйте QR-код в приложении банка." : "Scan the QR code in your banking app.")
                    .append("</p><p>").append(russian ? "Получатель: " : "Payee: ").append(escape(payment.payeeName())).append("</p>");
        }
        details.append("<p>").append(russian ? "Сумма: " : "Amount: ").append(escape(money(payment.amount(), locale)))
                .append("</p><p>").append(russian ? "Назначение платежа: " : "Purpose: ").append(escape(payment.purpose()))
                .append("</p>");
        if (payment.link() != null) {
            details.append("<p class=\"link\">").append(russian ? "Оплатить онлайн: " : "Pay online: ")
                    .append(escape(payment.link())).append("</p>");
        }
        String qrCode = payment.hasQrCode()
                ? "<td><img src=\"" + payment.qrPngDataUri() + "\" style=\"width: 38mm; height: 38mm;\" alt=\"QR\"/></td>"
                : "";
        return "<div class=\"payment\"><table><tr>" + qrCode + "<td>" + details + "</td></tr></table></div>";
    }

    private String money(BigDecimal amount, Locale locale) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        return format.format(amount) + " " + currency;
    }

    private static String paragraphs(String text) {
        StringBuilder html = new StringBuilder();
        for (String paragraph : text.strip().split("\\n\\s*\\n")) {
            html.append("<p>").append(escape(paragraph).replace("\n", "<br/>")).append("</p>\n");
        }
        return html.toString();
    }

    /** The HTML variant goes in as it is only when an XML parser takes it, with no DTD or entity resolution. */
    private static boolean wellFormed(String html) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            var parser = factory.newDocumentBuilder();
            parser.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            parser.parse(new InputSource(new java.io.StringReader("<div>" + html + "</div>")));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
