package dev.dunning.ledger;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the first bytes of a registry say it is: the encoding of a text file (UTF-8 unless a byte
 * order mark or the zero bytes of UTF-16 say otherwise), or a file that is not text at all, which
 * is refused naming what it looks like. A byte order mark is skipped.
 */
final class FileSignature {

    private static final int PEEK = 8;

    private record Binary(String what, int... signature) {
    }

    private static final String SAVE_AS_CSV = "save the sheet as CSV UTF-8 and send that";

    private static final List<Binary> NOT_TEXT = List.of(
            new Binary("a ZIP archive (an .xlsx or .ods workbook is one); " + SAVE_AS_CSV, 0x50, 0x4B, 0x03, 0x04),
            new Binary("an empty ZIP archive; " + SAVE_AS_CSV, 0x50, 0x4B, 0x05, 0x06),
            new Binary("an old Excel (.xls) or other OLE2 document; " + SAVE_AS_CSV, 0xD0, 0xCF, 0x11, 0xE0),
            new Binary("a PNG image", 0x89, 0x50, 0x4E, 0x47),
            new Binary("a JPEG image", 0xFF, 0xD8, 0xFF),
            new Binary("a GIF image", 0x47, 0x49, 0x46, 0x38),
            new Binary("a PDF document", 0x25, 0x50, 0x44, 0x46, 0x2D),
            new Binary("a gzip archive; unpack it first", 0x1F, 0x8B),
            new Binary("UTF-32 text (little-endian); save it as UTF-8", 0xFF, 0xFE, 0x00, 0x00),
            new Binary("UTF-32 text (big-endian); save it as UTF-8", 0x00, 0x00, 0xFE, 0xFF));

    private FileSignature() {
    }

    /**
     * The charset to read {@code in} with, positioned after any byte order mark.
     *
     * @throws RejectedRegistryException when the file is not text, or is text in UTF-32
     */
    static Charset charsetOf(BufferedInputStream in) throws IOException {
        byte[] head = new byte[PEEK];
        in.mark(PEEK);
        int length = in.readNBytes(head, 0, PEEK);
        in.reset();
        for (Binary binary : NOT_TEXT) {
            if (startsWith(head, length, binary.signature())) {
                throw new RejectedRegistryException(List.of(new ImportError(1L, null, "the file is " + binary.what()
                        + "; a registry is CSV text (UTF-8) starting with a header row, so nothing was imported")));
            }
        }
        if (startsWith(head, length, 0xEF, 0xBB, 0xBF)) {
            in.skipNBytes(3);
            return StandardCharsets.UTF_8;
        }
        if (startsWith(head, length, 0xFF, 0xFE)) {
            in.skipNBytes(2);
            return StandardCharsets.UTF_16LE;
        }
        if (startsWith(head, length, 0xFE, 0xFF)) {
            in.skipNBytes(2);
            return StandardCharsets.UTF_16BE;
        }
        // a header starts with ASCII letters: in UTF-16 without a byte order mark every other byte is zero
        if (length >= 4 && head[0] != 0 && head[1] == 0 && head[2] != 0 && head[3] == 0) {
            return StandardCharsets.UTF_16LE;
        }
        if (length >= 4 && head[0] == 0 && head[1] != 0 && head[2] == 0 && head[3] != 0) {
            return StandardCharsets.UTF_16BE;
        }
        return StandardCharsets.UTF_8;
    }

    private static boolean startsWith(byte[] head, int length, int... prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((head[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
