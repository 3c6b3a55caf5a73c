package io.ticketgate.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;

/**
 * The local API's format: plain {@code application/json}, written by the JSON 1.1 format's one
 * mapper, so shapes, timestamps (epoch seconds) and error bodies read the same as there.
 */
final class LocalJsonFormat implements WireFormat {

    static final String CONTENT_TYPE = "application/json";

    private final AwsJson11Format json;

    LocalJsonFormat(AwsJson11Format json) {
        this.json = json;
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public JsonNode read(ByteBuf body) throws IOException {
        return json.read(body);
    }

    @Override
    public byte[] write(Object shape) {
        return json.write(shape);
    }

    @Override
    public String errorType(String errorType) {
        return errorType;
    }

    @Override
    public void addHeaders(HttpHeaders headers) {
        json.addHeaders(headers);
    }

    @Override
    public void addErrorHeaders(HttpHeaders headers, String errorType) {
        json.addErrorHeaders(headers, errorType);
    }
}
