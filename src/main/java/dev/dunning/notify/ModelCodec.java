package dev.dunning.notify;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A notice's template model as JSON, so that it can be rendered again for another channel. Amounts and dates
 * keep their types ({@code {"$decimal":"600.00"}}, {@code {"$date":"2026-03-02"}}); only the value types a
 * notice model holds are accepted, never arbitrary objects.
 */
final class ModelCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ModelCodec() {
    }

    static String write(Map<String, Object> model) {
        try {
            return JSON.writeValueAsString(node(model, "model"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notice model could not be written", e);
        }
    }

    static Map<String, Object> read(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> model = (Map<String, Object>) value(JSON.readTree(json));
            return model;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored notice model is not readable JSON", e);
        }
    }

    private static JsonNode node(Object value, String name) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof BigDecimal amount) {
            return NODES.objectNode().put("$decimal", amount.toPlainString());
        }
        if (value instanceof LocalDate date) {
            return NODES.objectNode().put("$date", date.toString());
        }
        if (value instanceof Integer || value instanceof Long) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, each) -> object.set(String.valueOf(key), node(each, name + "." + key)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(each -> array.add(node(each, name + "[]")));
            return array;
        }
        throw new IllegalArgumentException("notice model value " + name + " is a " + value.getClass().getSimpleName()
                + "; a model holds text, amounts (BigDecimal), dates (LocalDate), whole numbers, flags, lists and maps");
    }

    private static Object value(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToInt() ? (Object) node.asInt() : (Object) node.asLong();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(each -> list.add(value(each)));
            return list;
        }
        if (node.has("$decimal") && node.size() == 1) {
            return new BigDecimal(node.get("$decimal").asText());
        }
        if (node.has("$date") && node.size() == 1) {
            return LocalDate.parse(node.get("$date").asText());
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            map.put(field.getKey(), value(field.getValue()));
        }
        return map;
    }
}
