package io.ticketgate.agent.control;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.ticketgate.agent.InvalidRequestException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * AWS JSON 1.1: {@code POST /} with {@code X-Amz-Target: GameLift.<Operation>}; timestamps are
 * epoch seconds as JSON numbers, with a fraction when there is one.
 */
final class AwsJson11Format extends JacksonWireFormat {

    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    static final String TARGET_PREFIX = "GameLift.";
    static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";

    /**
     * Bounds on what a body may make the parser do; the body's size is bounded before it gets here.
     * Nothing GameLift takes nests deeper than a few levels or has a number of more than 20 digits.
     */
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(CborReader.MAX_DEPTH)
            .maxNumberLength(100)
            .maxNameLength(1024)
            .maxStringLength(4 * 1024 * 1024)
            .build();

    AwsJson11Format() {
        // A body is one value: bytes after it make the body malformed, not ignored.
        super(JsonMapper.builder(JsonFactory.builder().streamReadConstraints(LIMITS).build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .addModule(new SimpleModule("epoch-seconds").addSerializer(Instant.class, new EpochSecondsSerializer())
                        .addDeserializer(Instant.class, new EpochSecondsDeserializer()))
                .build());
    }

    /**
     * Also checks the body is strict UTF-8 first: Jackson reads overlong forms ({@code c0 af} as
     * {@code /}) and encoded surrogates as if they were text.
     *
     * @throws InvalidRequestException if the body is not well-formed UTF-8
     */
    @Override
    public JsonNode read(ByteBuf body) throws IOException {
        Utf8.requireWellFormed(body);
        return super.read(body);
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public String errorType(String errorType) {
        return errorType;
    }

    @Override
    public void addHeaders(HttpHeaders headers) {
        // JSON 1.1 needs no headers beyond Content-Type and the request id.
    }

    @Override
    public void addErrorHeaders(HttpHeaders headers, String errorType) {
        headers.set(ERROR_TYPE_HEADER, errorType);
    }

    private static final class EpochSecondsSerializer extends StdSerializer<Instant> {

        EpochSecondsSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            long millis = value.toEpochMilli();
            if (millis % 1000 == 0) {
                generator.writeNumber(millis / 1000);
            } else {
                generator.writeNumber(BigDecimal.valueOf(millis, 3));
            }
        }
    }

    /** Reads back what the serializer wrote: for shapes another agent of the fleet answered with. */
    private static final class EpochSecondsDeserializer extends StdDeserializer<Instant> {

        EpochSecondsDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            BigDecimal seconds = parser.getDecimalValue();
            return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
        }
    }
}
