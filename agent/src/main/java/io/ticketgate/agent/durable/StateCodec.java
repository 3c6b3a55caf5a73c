package io.ticketgate.agent.durable;

import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.GameProperty;
import io.ticketgate.agent.GameSessionStatus;
import io.ticketgate.agent.PlayerSessionCreationPolicy;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.ProtectionPolicy;
import io.ticketgate.agent.store.StoredState;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link StoredState} as one journal record and reads it back. A record is a format
 * version byte, a kind byte ({@code G} game session, {@code P} player session) and the fields in
 * a fixed order: strings as a u32 UTF-8 length (-1 for null) and bytes, instants as i64 seconds
 * and i32 nanoseconds (seconds {@link Long#MIN_VALUE} for null), enums by name; big-endian.
 */
public final class StateCodec {

    static final byte VERSION = 1;
    private static final byte GAME = 'G';
    private static final byte PLAYER = 'P';

    private StateCodec() {
    }

    /** Thrown for a record this version cannot read. */
    public static final class UnreadableRecord extends Exception {
        UnreadableRecord(String message) {
            super(message, null, false, false);
        }
    }

    public static byte[] encode(StoredState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(state instanceof StoredState.Game ? 256 : 160);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            if (state instanceof StoredState.Game game) {
                out.writeByte(GAME);
                writeGame(out, game);
            } else if (state instanceof StoredState.Player player) {
                out.writeByte(PLAYER);
                writePlayer(out, player);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    private static void writeGame(DataOutputStream out, StoredState.Game game) throws IOException {
        out.writeLong(game.sequence());
        writeString(out, game.gameSessionId());
        writeInstant(out, game.creationTime());
        writeInstant(out, game.terminationTime());
        writeString(out, game.status().name());
        writeString(out, game.name());
        out.writeInt(game.maximumPlayerSessionCount());
        writeString(out, game.creationPolicy().name());
        writeString(out, game.protectionPolicy().name());
        writeProperties(out, game.gameProperties());
        CreateGameSessionRequest origin = game.origin();
        out.writeInt(origin.maximumPlayerSessionCount());
        writeString(out, origin.name());
        writeProperties(out, origin.gameProperties());
        writeString(out, origin.gameSessionData());
        writeString(out, origin.creatorId());
        writeString(out, origin.gameSessionId());
        writeString(out, origin.idempotencyToken());
    }

    private static void writePlayer(DataOutputStream out, StoredState.Player player) throws IOException {
        out.writeLong(player.sequence());
        writeString(out, player.playerSessionId());
        writeString(out, player.playerId());
        writeString(out, player.playerData());
        writeString(out, player.gameSessionId());
        writeInstant(out, player.creationTime());
        writeInstant(out, player.reservationDeadline());
        writeString(out, player.status().name());
        writeInstant(out, player.terminationTime());
        out.writeBoolean(player.connected());
        writeInstant(out, player.graceDeadline());
    }

    public static StoredState decode(ByteBuffer record) throws UnreadableRecord {
        try {
            byte version = record.get();
            if (version != VERSION) {
                throw new UnreadableRecord("a record of format " + version + "; this version reads format " + VERSION);
            }
            byte kind = record.get();
            StoredState state = switch (kind) {
                case GAME -> readGame(record);
                case PLAYER -> readPlayer(record);
                default -> throw new UnreadableRecord("a record of unknown kind " + kind);
            };
            if (record.hasRemaining()) {
                throw new UnreadableRecord("a record with " + record.remaining() + " bytes too many");
            }
            return state;
        } catch (BufferUnderflowException e) {
            throw new UnreadableRecord("a record cut short");
        } catch (IllegalArgumentException e) {
            throw new UnreadableRecord("a record with a bad field: " + e.getMessage());
        }
    }

    private static StoredState.Game readGame(ByteBuffer in) throws UnreadableRecord {
        long sequence = in.getLong();
        String gameSessionId = required(readString(in));
        Instant creationTime = required(readInstant(in));
        Instant terminationTime = readInstant(in);
        GameSessionStatus status = GameSessionStatus.valueOf(required(readString(in)));
        String name = readString(in);
        int maximum = in.getInt();
        PlayerSessionCreationPolicy policy = PlayerSessionCreationPolicy.valueOf(required(readString(in)));
        ProtectionPolicy protection = ProtectionPolicy.valueOf(required(readString(in)));
        List<GameProperty> properties = readProperties(in);
        CreateGameSessionRequest origin = new CreateGameSessionRequest(in.getInt(), readString(in),
                readProperties(in), readString(in), readString(in), readString(in), readString(in));
        return new StoredState.Game(sequence, gameSessionId, creationTime, terminationTime, status, name, maximum,
                policy, protection, properties, origin);
    }

    private static StoredState.Player readPlayer(ByteBuffer in) throws UnreadableRecord {
        return new StoredState.Player(in.getLong(), required(readString(in)), required(readString(in)),
                readString(in), required(readString(in)), required(readInstant(in)), required(readInstant(in)),
                PlayerSessionStatus.valueOf(required(readString(in))), readInstant(in), in.get() != 0,
                readInstant(in));
    }

    private static <T> T required(T value) throws UnreadableRecord {
        if (value == null) {
            throw new UnreadableRecord("a record without a required field");
        }
        return value;
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }

    private static void writeInstant(DataOutputStream out, Instant value) throws IOException {
        out.writeLong(value == null ? Long.MIN_VALUE : value.getEpochSecond());
        out.writeInt(value == null ? 0 : value.getNano());
    }

    private static Instant readInstant(ByteBuffer in) {
        long seconds = in.getLong();
        int nanos = in.getInt();
        return seconds == Long.MIN_VALUE ? null : Instant.ofEpochSecond(seconds, nanos);
    }

    private static void writeProperties(DataOutputStream out, List<GameProperty> properties) throws IOException {
        out.writeInt(properties.size());
        for (GameProperty property : properties) {
            writeString(out, property.key());
            writeString(out, property.value());
        }
    }

    private static List<GameProperty> readProperties(ByteBuffer in) {
        int count = in.getInt();
        if (count < 0 || count > in.remaining() / 8) {
            throw new IllegalArgumentException("a property count of " + count);
        }
        List<GameProperty> properties = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            properties.add(new GameProperty(readString(in), readString(in)));
        }
        return List.copyOf(properties);
    }
}
