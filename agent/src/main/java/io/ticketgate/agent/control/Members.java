package io.ticketgate.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ticketgate.agent.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the members of a request structure, decoded from JSON or CBOR into the same tree, and
 * checks their types. A member of the wrong type is an InvalidRequestException naming it, never
 * a silent default; unknown members are ignored, as AWS services do. Text that is not text (an
 * unpaired surrogate) is an InvalidRequestException too.
 */
final class Members {

    private final JsonNode structure;

    private Members(JsonNode structure) {
        this.structure = structure;
    }

    static Members of(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return new Members(null);
        }
        if (!body.isObject()) {
            throw new InvalidRequestException("the request body must be a structure (an object)");
        }
        return new Members(body);
    }

    /** The structure as decoded, to pass on to another agent of the fleet. */
    JsonNode tree() {
        return structure != null ? structure : JsonNodeFactory.instance.objectNode();
    }

    private JsonNode member(String name) {
        if (structure == null) {
            return null;
        }
        JsonNode value = structure.get(name);
        return value == null || value.isNull() ? null : value;
    }

    String string(String name) {
        JsonNode value = member(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw typeError(name, "a string");
        }
        return text(name, value.textValue());
    }

    String requiredString(String name) {
        String value = string(name);
        if (value == null) {
            throw new InvalidRequestException(name + " is required");
        }
        return value;
    }

    Integer integer(String name) {
        JsonNode value = member(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw typeError(name, "an integer");
        }
        return value.intValue();
    }

    int requiredInteger(String name) {
        Integer value = integer(name);
        if (value == null) {
            throw new InvalidRequestException(name + " is required");
        }
        return value;
    }

    List<String> stringList(String name) {
        JsonNode value = member(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw typeError(name, "a list of strings");
        }
        List<String> items = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw typeError(name, "a list of strings");
            }
            items.add(text(name, item.textValue()));
        }
        return items;
    }

    Map<String, String> stringMap(String name) {
        JsonNode value = member(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw typeError(name, "a map of strings");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            if (!field.getValue().isTextual()) {
                throw typeError(name, "a map of strings");
            }
            entries.put(text(name, field.getKey()), text(name, field.getValue().textValue()));
        }
        return entries;
    }

    /** A list of structures, each read with its own {@link Members}. */
    List<Members> structureList(String name) {
        JsonNode value = member(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw typeError(name, "a list of structures");
        }
        List<Members> items = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isObject()) {
                throw typeError(name, "a list of structures");
            }
            items.add(new Members(item));
        }
        return items;
    }

    /** An enum member: one of the values the model allows, by name. */
    <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(constant.name());
        }
        throw new InvalidRequestException(name + " must be one of " + String.join(", ", allowed) + ", was "
                + quote(value));
    }

    /**
     * Every text member passes here: a lone surrogate (JSON's {@code "\ud800"}) is not text, and
     * would make the reply unencodable.
     */
    private static String text(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidRequestException(name + " holds an unpaired UTF-16 surrogate; it must be text");
            }
        }
        return value;
    }

    private static String quote(String value) {
        return "\"" + (value.length() > 64 ? value.substring(0, 64) + "..." : value) + "\"";
    }

    private static InvalidRequestException typeError(String name, String expected) {
        return new InvalidRequestException(name + " must be " + expected);
    }
}
