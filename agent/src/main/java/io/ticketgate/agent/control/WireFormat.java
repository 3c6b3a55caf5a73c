package io.ticketgate.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;

/** How request and response structures travel: AWS JSON 1.1 or Smithy RPC v2 CBOR. */
interface WireFormat {

    /** Returns the Content-Type of responses. */
    String contentType();

    /**
     * Decodes a request body into a structure tree; an empty body is an empty structure.
     *
     * @throws IOException if the body is not well-formed in this format
     */
    JsonNode read(ByteBuf body) throws IOException;

    /** Encodes a response shape. */
    byte[] write(Object shape);

    /** Returns {@code __type} as this format writes it for the error {@code errorType}. */
    String errorType(String errorType);

    /** Adds the headers this format puts on every response. */
    void addHeaders(HttpHeaders headers);

    /** Adds the headers this format puts on an error response, besides its body's {@code __type}. */
    void addErrorHeaders(HttpHeaders headers, String errorType);
}
