package io.ticketgate.agent.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reading and writing through a Jackson mapper: what both wire formats share. */
abstract class JacksonWireFormat implements WireFormat {

    private final ObjectMapper mapper;

    JacksonWireFormat(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public JsonNode read(ByteBuf body) throws IOException {
        if (!body.isReadable()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try (ByteBufInputStream in = new ByteBufInputStream(body.duplicate())) {
            JsonNode tree = mapper.readTree(in);
            return tree == null ? JsonNodeFactory.instance.objectNode() : tree;
        }
    }

    /** A response shape as the tree this format would write. */
    final JsonNode tree(Object shape) {
        return mapper.valueToTree(shape);
    }

    /** A response shape read back from a tree this format wrote. */
    final <T> T shape(JsonNode tree, Class<T> type) {
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public final byte[] write(Object shape) {
        try {
            return mapper.writeValueAsBytes(shape);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
