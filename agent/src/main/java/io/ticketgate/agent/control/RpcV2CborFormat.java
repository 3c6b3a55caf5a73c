package io.ticketgate.agent.control;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.time.Instant;

/**
 * Smithy RPC v2 CBOR: {@code POST /service/GameLift/operation/<Operation>} with
 * {@code Smithy-Protocol: rpc-v2-cbor}; timestamps are CBOR tag 1 (epoch seconds), error types
 * are shape ids ({@code com.amazonaws.gamelift#NotFoundException}).
 */
final class RpcV2CborFormat extends JacksonWireFormat {

    static final String CONTENT_TYPE = "application/cbor";
    static final String PROTOCOL_HEADER = "Smithy-Protocol";
    static final String PROTOCOL = "rpc-v2-cbor";
    static final String PATH_PREFIX = "/service/GameLift/operation/";
    /** The same service named by its absolute shape id, which the protocol lets clients use. */
    static final String ABSOLUTE_PATH_PREFIX = "/service/com.amazonaws.gamelift.GameLift/operation/";

    /** Returns the operation a CBOR request path names, or null if it is not a CBOR path. */
    static String operationOf(String path) {
        if (path.startsWith(PATH_PREFIX)) {
            return path.substring(PATH_PREFIX.length());
        }
        if (path.startsWith(ABSOLUTE_PATH_PREFIX)) {
            return path.substring(ABSOLUTE_PATH_PREFIX.length());
        }
        return null;
    }
    private static final String ERROR_NAMESPACE = "com.amazonaws.gamelift#";
    private static final int EPOCH_TIME_TAG = 1;

    RpcV2CborFormat() {
        // A body is one value: bytes after it make the body malformed, not ignored.
        super(CBORMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .addModule(new SimpleModule("epoch-time-tag").addSerializer(Instant.class, new EpochTimeSerializer()))
                .build());
    }

    /** Read by {@link CborReader}: Jackson's CBOR parser has no bound on nested tags. */
    @Override
    public JsonNode read(ByteBuf body) throws IOException {
        if (!body.isReadable()) {
            return JsonNodeFactory.instance.objectNode();
        }
        return CborReader.read(body);
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public String errorType(String errorType) {
        return ERROR_NAMESPACE + errorType;
    }

    @Override
    public void addHeaders(HttpHeaders headers) {
        headers.set(PROTOCOL_HEADER, PROTOCOL);
    }

    @Override
    public void addErrorHeaders(HttpHeaders headers, String errorType) {
        // The spec: responses SHOULD NOT carry X-Amzn-ErrorType; the type is always in the body.
    }

    private static final class EpochTimeSerializer extends StdSerializer<Instant> {

        EpochTimeSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            ((CBORGenerator) generator).writeTag(EPOCH_TIME_TAG);
            long millis = value.toEpochMilli();
            if (millis % 1000 == 0) {
                generator.writeNumber(millis / 1000);
            } else {
                generator.writeNumber(millis / 1000.0);
            }
        }
    }
}
