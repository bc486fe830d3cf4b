package dev.dunning.payments;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The content of a payment QR code in the Russian standard format, GOST R 56042-2014 ("Стандарты финансовых
 * операций. Двумерные символы штрихового кода для осуществления платежей физических лиц"): the header
 * {@code ST0001} with the encoding digit, then {@code Key=value} pairs, each after the separator, e.g.
 * {@code ST00012|Name=ООО «Вода»|PersonalAcc=40702810…|BankName=…|BIC=…|CorrespAcc=…|Sum=125050|Purpose=…}.
 * <p>
 * The mandatory block comes first in the standard's order (Name, PersonalAcc, BankName, BIC, CorrespAcc), then the
 * additional and other fields in the order of {@link Field}. The separator is {@code |} unless a value contains it;
 * then the first of {@link #SEPARATORS} no value contains, as the standard lets the payload choose.
 * <p>
 * A payload usually names the payer: it is personal data, never to be logged. Error messages therefore name the
 * field and the rule, never the value.
 */
public final class GostPayload {

    /** Separators tried in order; the standard recommends the first. */
    static final String SEPARATORS = "|#;^~";

    private static final String FORMAT_AND_VERSION = "ST0001";

    /** How the payload's text is written as bytes; the digit after {@code ST0001} says which. */
    public enum Encoding {
        WINDOWS_1251('1', Charset.forName("windows-1251"), "windows-1251"),
        UTF_8('2', StandardCharsets.UTF_8, "utf-8"),
        KOI8_R('3', Charset.forName("KOI8-R"), "koi8-r");

        private final char digit;
        private final Charset charset;
        private final String settingName;

        Encoding(char digit, Charset charset, String settingName) {
            this.digit = digit;
            this.charset = charset;
            this.settingName = settingName;
        }

        public char digit() {
            return digit;
        }

        public Charset charset() {
            return charset;
        }

        /** As settings spell it: {@code utf-8}, {@code windows-1251} or {@code koi8-r}. */
        public String settingName() {
            return settingName;
        }

        /** The encoding a setting names (any case), or empty. */
        public static Optional<Encoding> ofSetting(String name) {
            return name == null ? Optional.empty()
                    : Arrays.stream(values()).filter(each -> each.settingName.equalsIgnoreCase(name.strip())).findFirst();
        }

        static Optional<Encoding> ofDigit(char digit) {
            return Arrays.stream(values()).filter(each -> each.digit == digit).findFirst();
        }
    }

    /**
     * The fields Dunning writes, with the standard's rules: the mandatory block (table 1), the additional fields
     * (table 2) and the other fields (table 3) it uses. Table 3 sets no lengths; only the whole payload's size is
     * bounded there, by what a QR code holds.
     */
    public enum Field {
        NAME("Name", true, 160, null, null),
        PERSONAL_ACC("PersonalAcc", true, 20, "\\d{20}", "20 digits"),
        BANK_NAME("BankName", true, 45, null, null),
        BIC("BIC", true, 9, "\\d{9}", "9 digits"),
        CORRESP_ACC("CorrespAcc", true, 20, "0|\\d{20}", "20 digits, or 0 when the bank has no correspondent account"),
        SUM("Sum", false, 18, "\\d{1,18}", "an amount in kopecks of at most 18 digits"),
        PURPOSE("Purpose", false, 210, null, null),
        PAYEE_INN("PayeeINN", false, 12, "\\d{10}|\\d{12}", "10 digits (an organisation) or 12 (a person)"),
        PAYER_INN("PayerINN", false, 12, "\\d{10}|\\d{12}", "10 digits (an organisation) or 12 (a person)"),
        KPP("KPP", false, 9, "\\d{4}[0-9A-Z]{2}\\d{3}", "9 characters: 4 digits, 2 digits or capital Latin letters, 3 digits"),
        CBC("CBC", false, 20, "\\d{20}", "20 digits"),
        OKTMO("OKTMO", false, 11, "\\d{8}|\\d{11}", "8 or 11 digits"),
        LAST_NAME("LastName", false, 0, null, null),
        FIRST_NAME("FirstName", false, 0, null, null),
        MIDDLE_NAME("MiddleName", false, 0, null, null),
        PAYER_ADDRESS("PayerAddress", false, 0, null, null),
        PERS_ACC("PersAcc", false, 0, null, null);

        private final String key;
        private final boolean mandatory;
        private final int maxLength;
        private final Pattern format;
        private final String formatInWords;

        Field(String key, boolean mandatory, int maxLength, String format, String formatInWords) {
            this.key = key;
            this.mandatory = mandatory;
            this.maxLength = maxLength;
            this.format = format == null ? null : Pattern.compile(format);
            this.formatInWords = formatInWords;
        }

        /** The name the standard gives the field, as it appears in the payload. */
        public String key() {
            return key;
        }

        public boolean mandatory() {
            return mandatory;
        }

        /**
         * What is wrong with {@code value} for this field, without repeating the value, or empty when it is right.
         */
        public Optional<String> problem(String value) {
            if (value == null || value.isBlank()) {
                return Optional.of(key + " is empty");
            }
            if (!value.equals(value.strip())) {
                return Optional.of(key + " starts or ends with spaces");
            }
            if (value.chars().anyMatch(Character::isISOControl)) {
                return Optional.of(key + " contains a line break or another control character");
            }
            if (format != null && !format.matcher(value).matches()) {
                return Optional.of(key + " must be " + formatInWords);
            }
            if (maxLength > 0 && value.length() > maxLength) {
                return Optional.of(key + " has " + value.length() + " characters; the standard allows at most " + maxLength);
            }
            return Optional.empty();
        }
    }

    private final Encoding encoding;
    private final char separator;
    private final String text;

    private GostPayload(Encoding encoding, char separator, String text) {
        this.encoding = encoding;
        this.separator = separator;
        this.text = text;
    }

    public static Builder builder(Encoding encoding) {
        return new Builder(encoding);
    }

    /** The amount in kopecks as the {@code Sum} field takes it: {@code 1250.50} is {@code 125050}. */
    public static String kopecks(BigDecimal amount) {
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("Sum must not be negative");
        }
        try {
            return amount.movePointRight(2).toBigIntegerExact().toString();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Sum has a fraction of a kopeck; amounts have at most 2 decimals", e);
        }
    }

    /**
     * The bytes a payload's text is written in, by the encoding digit of its header.
     *
     * @throws IllegalArgumentException when {@code text} does not start with a GOST R 56042 header
     */
    public static byte[] bytesOf(String text) {
        if (text == null || text.length() < FORMAT_AND_VERSION.length() + 2 || !text.startsWith(FORMAT_AND_VERSION)) {
            throw new IllegalArgumentException("a GOST R 56042 payload starts with " + FORMAT_AND_VERSION
                    + ", the encoding digit and the separator");
        }
        Encoding encoding = Encoding.ofDigit(text.charAt(FORMAT_AND_VERSION.length()))
                .orElseThrow(() -> new IllegalArgumentException("a GOST R 56042 payload's encoding digit is 1, 2 or 3"));
        return text.getBytes(encoding.charset());
    }

    public Encoding encoding() {
        return encoding;
    }

    public char separator() {
        return separator;
    }

    /** The payload as text. Personal data: never log it. */
    public String text() {
        return text;
    }

    /** The payload as the QR code holds it, in its encoding. */
    public byte[] bytes() {
        return text.getBytes(encoding.charset());
    }

    @Override
    public String toString() {
        // The payload names the payer: printing the object must not put it in a log.
        return "GostPayload[" + encoding.settingName() + ", " + text.length() + " characters]";
    }

    /** Collects fields and checks them all when the payload is built. */
    public static final class Builder {

        private final Encoding encoding;
        private final Map<Field, String> values = new EnumMap<>(Field.class);

        private Builder(Encoding encoding) {
            this.encoding = encoding;
        }

        /** Sets a field; a null or blank value of an optional field leaves it out. */
        public Builder set(Field field, String value) {
            if (value == null || value.isBlank()) {
                values.remove(field);
            } else {
                values.put(field, value);
            }
            return this;
        }

        public Builder sum(BigDecimal amount) {
            return set(Field.SUM, amount == null ? null : kopecks(amount));
        }

        /**
         * @throws IllegalArgumentException naming the first field that is missing or breaks its rule, or when
         *                                  every separator occurs in the values
         */
        public GostPayload build() {
            for (Field field : Field.values()) {
                String value = values.get(field);
                if (value == null) {
                    if (field.mandatory()) {
                        throw new IllegalArgumentException(field.key() + " is mandatory in a GOST R 56042 payload");
                    }
                    continue;
                }
                Optional<String> problem = field.problem(value);
                if (problem.isPresent()) {
                    throw new IllegalArgumentException(problem.get());
                }
                requireEncodable(field, value);
            }
            char separator = separator();
            StringBuilder text = new StringBuilder(FORMAT_AND_VERSION).append(encoding.digit());
            values.forEach((field, value) -> text.append(separator).append(field.key()).append('=').append(value));
            return new GostPayload(encoding, separator, text.toString());
        }

        private void requireEncodable(Field field, String value) {
            CharsetEncoder encoder = encoding.charset().newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            try {
                ByteBuffer ignored = encoder.encode(CharBuffer.wrap(value));
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException(field.key() + " has a character that " + encoding.settingName()
                        + " cannot write; choose another encoding (dunning.payments.encoding) or change the value");
            }
        }

        private char separator() {
            for (char candidate : SEPARATORS.toCharArray()) {
                if (values.values().stream().noneMatch(value -> value.indexOf(candidate) >= 0)) {
                    return candidate;
                }
            }
            throw new IllegalArgumentException("every separator the payload may use (" + SEPARATORS
                    + ") occurs in its values; remove one of them from the requisites or the purpose");
        }
    }
}
