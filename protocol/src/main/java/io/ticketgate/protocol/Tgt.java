package io.ticketgate.protocol;

/** Constants of the TGT/1 wire format; see PROTOCOL.md for the byte layout. */
public final class Tgt {
    /** The first three bytes of every frame: ASCII "TGT". */
    public static final byte[] MAGIC = {0x54, 0x47, 0x54};
    /** The protocol version this library speaks, sent as the fourth byte. */
    public static final int VERSION = 0x01;

    /** Magic, version and the u16 field-list length. */
    public static final int CONNECT_HEADER_LENGTH = 6;
    /** The largest field list a CONNECT may carry. */
    public static final int MAX_FIELDS_LENGTH = 4096;
    /** Each field is a u8 tag and a u16 length before its value. */
    public static final int FIELD_HEADER_LENGTH = 3;

    /** The tag of the player session id field (required). */
    public static final int TAG_PLAYER_SESSION_ID = 0x01;
    /** The shortest player session id, in UTF-8 bytes. */
    public static final int MIN_PLAYER_SESSION_ID_LENGTH = 1;
    /** The longest player session id, in UTF-8 bytes. */
    public static final int MAX_PLAYER_SESSION_ID_LENGTH = 1024;

    /** Magic, version, code and the u16 detail length. */
    public static final int RESULT_HEADER_LENGTH = 7;
    /** The longest detail a RESULT carries, in UTF-8 bytes. */
    public static final int MAX_DETAIL_LENGTH = 1024;

    /** The longest CONNECT frame: a peer never needs to buffer more than this. */
    public static final int MAX_CONNECT_LENGTH = CONNECT_HEADER_LENGTH + MAX_FIELDS_LENGTH;

    private Tgt() {
    }
}
