package io.ticketgate.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.ticketgate.agent.InvalidRequestException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;

/**
 * Decodes an RPC v2 CBOR request body into the same tree the JSON reader makes, in one pass and
 * with bounded work: nesting (arrays, maps and tags alike) stops at {@link #MAX_DEPTH}, every
 * length is checked against the bytes left before anything is allocated, text must be strict
 * UTF-8 (no overlong forms, no surrogates), and bignums (tags 2 and 3) are read as the unsigned
 * magnitudes RFC 8949 says they are. Jackson's CBOR parser does none of the last three, and
 * takes quadratic time over nested tags.
 */
final class CborReader {

    static final int MAX_DEPTH = 64;
    private static final int BREAK = 0xFF;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ByteBuf in;

    private CborReader(ByteBuf in) {
        this.in = in;
    }

    /**
     * @throws IOException if the body is not one well-formed CBOR data item within the bounds
     * @throws InvalidRequestException if a text string is not well-formed UTF-8
     */
    static JsonNode read(ByteBuf body) throws IOException {
        CborReader reader = new CborReader(body.duplicate());
        JsonNode value = reader.item(0);
        if (reader.in.isReadable()) {
            throw new IOException("bytes after the data item");
        }
        return value;
    }

    private JsonNode item(int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("nested deeper than " + MAX_DEPTH);
        }
        int initial = readByte();
        int major = initial >>> 5;
        int info = initial & 0x1F;
        return switch (major) {
            case 0 -> unsigned(argument(info));
            case 1 -> negative(argument(info));
            case 2 -> NODES.binaryNode(bytes(2, info));
            case 3 -> NODES.textNode(text(bytes(3, info)));
            case 4 -> array(info, depth);
            case 5 -> map(info, depth);
            case 6 -> tagged(argument(info), depth);
            default -> simple(info);
        };
    }

    private JsonNode array(int info, int depth) throws IOException {
        ArrayNode array = NODES.arrayNode();
        if (info == 31) {
            while (!atBreak()) {
                array.add(item(depth + 1));
            }
            return array;
        }
        long count = count(argument(info));
        for (long i = 0; i < count; i++) {
            array.add(item(depth + 1));
        }
        return array;
    }

    private JsonNode map(int info, int depth) throws IOException {
        ObjectNode map = NODES.objectNode();
        if (info == 31) {
            while (!atBreak()) {
                map.set(key(), item(depth + 1));
            }
            return map;
        }
        long count = count(argument(info));
        for (long i = 0; i < count; i++) {
            map.set(key(), item(depth + 1));
        }
        return map;
    }

    /** Smithy's structures and maps are keyed by text. */
    private String key() throws IOException {
        int initial = readByte();
        if (initial >>> 5 != 3) {
            throw new IOException("a map key that is not a text string");
        }
        return text(bytes(3, initial & 0x1F));
    }

    private JsonNode tagged(long tag, int depth) throws IOException {
        if (tag == 2 || tag == 3) {
            int initial = readByte();
            if (initial >>> 5 != 2) {
                throw new IOException("a bignum whose content is not a byte string");
            }
            BigInteger magnitude = new BigInteger(1, bytes(2, initial & 0x1F));
            return NODES.numberNode(tag == 2 ? magnitude : magnitude.not());
        }
        // Other tags (1, epoch time, among them) annotate the item without changing it here.
        return item(depth + 1);
    }

    private JsonNode simple(int info) throws IOException {
        return switch (info) {
            case 20 -> NODES.booleanNode(false);
            case 21 -> NODES.booleanNode(true);
            case 22, 23 -> NODES.nullNode();
            case 25 -> NODES.numberNode(halfFloat(in.readableBytes() >= 2 ? in.readUnsignedShort() : truncated()));
            case 26 -> NODES.numberNode(Float.intBitsToFloat((int) fixed(4)));
            case 27 -> NODES.numberNode(Double.longBitsToDouble(fixed(8)));
            default -> throw new IOException("an unexpected simple value or break");
        };
    }

    private JsonNode unsigned(long value) {
        return value >= 0 ? NODES.numberNode(value)
                : NODES.numberNode(new BigInteger(Long.toUnsignedString(value)));
    }

    private JsonNode negative(long value) {
        return value >= 0 ? NODES.numberNode(-1 - value)
                : NODES.numberNode(new BigInteger(Long.toUnsignedString(value)).not());
    }

    /** A (possibly indefinite-length) string's bytes; each chunk must be a definite string of the same type. */
    private byte[] bytes(int major, int info) throws IOException {
        if (info != 31) {
            return definite(argument(info));
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        while (!atBreak()) {
            int initial = readByte();
            if (initial >>> 5 != major || (initial & 0x1F) == 31) {
                throw new IOException("a malformed chunk of an indefinite-length string");
            }
            byte[] chunk = definite(argument(initial & 0x1F));
            if (major == 3) {
                text(chunk); // RFC 8949: every chunk is well-formed UTF-8 by itself.
            }
            joined.writeBytes(chunk);
        }
        return joined.toByteArray();
    }

    private byte[] definite(long length) throws IOException {
        if (length < 0 || length > in.readableBytes()) {
            throw new IOException("a string longer than the body");
        }
        byte[] bytes = new byte[(int) length];
        in.readBytes(bytes);
        return bytes;
    }

    private static String text(byte[] utf8) {
        return Utf8.decode(utf8);
    }

    /** A count of items, each at least one byte: more than the bytes left is malformed. */
    private long count(long count) throws IOException {
        if (count < 0 || count > in.readableBytes()) {
            throw new IOException("more items than bytes");
        }
        return count;
    }

    private long argument(int info) throws IOException {
        if (info < 24) {
            return info;
        }
        return switch (info) {
            case 24 -> fixed(1);
            case 25 -> fixed(2);
            case 26 -> fixed(4);
            case 27 -> fixed(8);
            default -> throw new IOException("a reserved or indefinite length where none is allowed");
        };
    }

    private long fixed(int size) throws IOException {
        if (in.readableBytes() < size) {
            truncated();
        }
        return switch (size) {
            case 1 -> in.readUnsignedByte();
            case 2 -> in.readUnsignedShort();
            case 4 -> in.readUnsignedInt();
            default -> in.readLong();
        };
    }

    private boolean atBreak() throws IOException {
        if (!in.isReadable()) {
            truncated();
        }
        if (in.getUnsignedByte(in.readerIndex()) == BREAK) {
            in.skipBytes(1);
            return true;
        }
        return false;
    }

    private int readByte() throws IOException {
        if (!in.isReadable()) {
            truncated();
        }
        return in.readUnsignedByte();
    }

    private static int truncated() throws IOException {
        throw new IOException("the body ends inside a data item");
    }

    /** IEEE 754 binary16, as CBOR's major type 7 carries it. */
    private static float halfFloat(int bits) {
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        float value;
        if (exponent == 0) {
            value = mantissa * 0x1p-24f;
        } else if (exponent == 31) {
            value = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            value = (1 + mantissa / 1024f) * (float) Math.pow(2, exponent - 15);
        }
        return (bits & 0x8000) != 0 ? -value : value;
    }
}
