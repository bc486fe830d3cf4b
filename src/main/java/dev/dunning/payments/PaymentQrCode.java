package dev.dunning.payments;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * A payment payload as a QR code image: error correction level M, the payload's bytes exactly as they are (byte
 * mode, no ECI designator, which banking apps do not expect), a quiet zone of four modules, black on white.
 */
public final class PaymentQrCode {

    /** Pixels per module: sharp when printed at 35-40 mm and small as a data URI. */
    static final int MODULE_PIXELS = 4;
    private static final int QUIET_ZONE = 4;

    private PaymentQrCode() {
    }

    /**
     * The QR code of {@code payload} (a GOST R 56042 payload's bytes) as PNG.
     *
     * @throws IllegalArgumentException when the payload is too long for a QR code at level M
     */
    public static byte[] png(byte[] payload) {
        BitMatrix modules = encode(payload);
        BufferedImage image = new BufferedImage(modules.getWidth() * MODULE_PIXELS, modules.getHeight() * MODULE_PIXELS,
                BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, modules.get(x / MODULE_PIXELS, y / MODULE_PIXELS) ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", png)) {
                throw new IllegalStateException("this Java has no PNG writer (javax.imageio)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a payment QR code could not be written as PNG", e);
        }
        return png.toByteArray();
    }

    /** The QR code as a {@code data:image/png;base64,…} address for an {@code <img>} in a letter. */
    public static String pngDataUri(byte[] payload) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(payload));
    }

    private static BitMatrix encode(byte[] payload) {
        // Without a character set hint zxing writes the text as ISO-8859-1 bytes and adds no ECI designator:
        // a string with one character per byte thus carries the payload's bytes unchanged.
        String oneCharacterPerByte = new String(payload, StandardCharsets.ISO_8859_1);
        try {
            return new QRCodeWriter().encode(oneCharacterPerByte, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, QUIET_ZONE));
        } catch (WriterException e) {
            throw new IllegalArgumentException("a payment payload of " + payload.length
                    + " bytes does not fit in a QR code with error correction M", e);
        }
    }
}
