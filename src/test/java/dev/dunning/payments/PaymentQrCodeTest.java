package dev.dunning.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import dev.dunning.payments.GostPayload.Encoding;
import dev.dunning.payments.GostPayload.Field;

/** The payment QR code read back by a QR reader holds the payload's bytes exactly. */
class PaymentQrCodeTest {

    private static GostPayload payload(Encoding encoding) {
        return GostPayload.builder(encoding)
                .set(Field.NAME, "ООО «Тепло и вода»")
                .set(Field.PERSONAL_ACC, "40702810900000000001")
                .set(Field.BANK_NAME, "ПАО Сбербанк")
                .set(Field.BIC, "044525225")
                .set(Field.CORRESP_ACC, "30101810400000000225")
                .sum(new BigDecimal("12345.67"))
                .set(Field.PURPOSE, "Оплата задолженности по лицевому счёту C-1001")
                .set(Field.PAYEE_INN, "7707083893")
                .set(Field.KPP, "773601001")
                .set(Field.PERS_ACC, "C-1001")
                .build();
    }

    /** What a banking app's scanner reads from the image. */
    static Result scan(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))),
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE));
    }

    /** The bytes the code holds, as the reader found them in its byte segments. */
    static byte[] bytesIn(Result scanned) {
        @SuppressWarnings("unchecked")
        List<byte[]> segments = (List<byte[]>) scanned.getResultMetadata().get(ResultMetadataType.BYTE_SEGMENTS);
        int length = segments.stream().mapToInt(segment -> segment.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] segment : segments) {
            System.arraycopy(segment, 0, all, at, segment.length);
            at += segment.length;
        }
        return all;
    }

    @Test
    void aUtf8PayloadIsReadBackByteForByteAtErrorCorrectionM() throws Exception {
        GostPayload payload = payload(Encoding.UTF_8);

        Result scanned = scan(PaymentQrCode.png(payload.bytes()));

        assertThat(bytesIn(scanned)).isEqualTo(payload.bytes());
        assertThat(scanned.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL)).isEqualTo("M");
        assertThat(scanned.getText()).isEqualTo(payload.text());
    }

    @Test
    void aWindows1251PayloadKeepsItsSingleByteLettersAndCarriesNoEciDesignator() throws Exception {
        GostPayload payload = payload(Encoding.WINDOWS_1251);

        Result scanned = scan(PaymentQrCode.png(payload.bytes()));

        assertThat(bytesIn(scanned)).isEqualTo(payload.bytes());
        // ]Q1: a QR code in byte mode without an ECI designator, which banking apps do not expect.
        assertThat(scanned.getResultMetadata().get(ResultMetadataType.SYMBOLOGY_IDENTIFIER)).isEqualTo("]Q1");
    }

    @Test
    void theDataUriIsThePngInBase64() throws Exception {
        byte[] bytes = payload(Encoding.UTF_8).bytes();
        String uri = PaymentQrCode.pngDataUri(bytes);

        assertThat(uri).startsWith("data:image/png;base64,");
        byte[] png = Base64.getDecoder().decode(uri.substring("data:image/png;base64,".length()));
        assertThat(bytesIn(scan(png))).isEqualTo(bytes);
    }

    @Test
    void aPayloadTooLongForAQrCodeIsRefusedWithItsSize() {
        assertThatThrownBy(() -> PaymentQrCode.png(new byte[3000]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a payment payload of 3000 bytes does not fit in a QR code with error correction M");
    }

    @Test
    void eachModuleIsFourPixelsWithAQuietZoneAround() throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(PaymentQrCode.png(payload(Encoding.UTF_8).bytes())));

        assertThat(image.getWidth()).isEqualTo(image.getHeight());
        assertThat(image.getWidth() % PaymentQrCode.MODULE_PIXELS).isZero();
        // The quiet zone is white, the finder pattern's corner just inside it black.
        assertThat(image.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        int corner = 4 * PaymentQrCode.MODULE_PIXELS;
        assertThat(image.getRGB(corner, corner) & 0xFFFFFF).isZero();
    }
}
