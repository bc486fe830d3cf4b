package dev.dunning.notify;

/**
 * Renders a notice as a printable PDF: the letter channel's page, and the attachment of an email that asks for
 * one (the pre-trial claim). Uses the notice's HTML body when it has one, else its plain text.
 */
public interface NoticePdf {

    byte[] render(OutgoingNotice notice);
}
