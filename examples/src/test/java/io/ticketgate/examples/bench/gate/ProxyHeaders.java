package io.ticketgate.examples.bench.gate;

/** PROXY v2 headers for the tests. */
final class ProxyHeaders {

    private ProxyHeaders() {
    }

    /** A LOCAL header with a 4-byte TLV, as short as a header with a body gets. */
    static byte[] minimal() {
        return new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A,
            0x20, 0x00, 0x00, 0x04, (byte) 0xE0, 0x00, 0x01, 0x41};
    }
}
