package io.ticketgate.agent.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The token an agent claims its id with. A fresh random one for each process, unless the agent
 * keeps its sessions in a data dir: then the token is kept there too, so that a restart after a
 * crash takes its own claim back at once, before the fleet declares it dead and ends its
 * sessions, while a second live agent with the same id (and another data dir, or none) is still
 * refused.
 */
final class FleetInstance {

    static final String FILE = "fleet-instance";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");

    private FleetInstance() {
    }

    /** A new random token (128 bits). */
    static String fresh() {
        return randomHex(16);
    }

    /** {@code bytes} random bytes (SecureRandom) in hex: tokens and the ids of calls and claims. */
    static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /**
     * The token kept in {@code dataDirectory}, made and kept there first if it has none (or one
     * that is not a token).
     */
    static String keptIn(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE);
        try {
            if (Files.isRegularFile(file)) {
                String kept = Files.readString(file, StandardCharsets.US_ASCII).strip();
                if (TOKEN.matcher(kept).matches()) {
                    return kept;
                }
            }
            String token = fresh();
            Path written = dataDirectory.resolve(FILE + ".tmp");
            Files.writeString(written, token + "\n", StandardCharsets.US_ASCII);
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot keep the fleet instance token in " + file + ": "
                    + e.getMessage(), e));
        }
    }
}
