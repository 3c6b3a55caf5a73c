package io.ticketgate.agent.launcher;

import io.ticketgate.agent.control.auth.AccessKey;
import io.ticketgate.agent.runtime.FileAccess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A file holding a secret (a secret access key, key pairs, a bearer token, the upstream secret),
 * read once at start-up. No message about it ever quotes its content, and neither does
 * {@link #toString()}.
 */
final class SecretFile {

    /** Far more than any secret needs; a bound, so naming /dev/zero is an error, not a hang. */
    static final int MAX_BYTES = 1024 * 1024;

    private final String name;
    private final byte[] content;
    private final String warning;

    private SecretFile(String name, byte[] content, String warning) {
        this.name = name;
        this.content = content;
        this.warning = warning;
    }

    /**
     * Reads a secret file.
     *
     * @param where the setting that names it, as the operator wrote it, for messages
     * @throws SettingsException if it cannot be read, is larger than {@link #MAX_BYTES}, or holds
     *     nothing but the one trailing newline
     */
    static SecretFile read(Path workingDirectory, String named, String where) throws SettingsException {
        Path path = workingDirectory.resolve(named.strip());
        byte[] content;
        try (InputStream in = Files.newInputStream(path)) {
            content = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException | RuntimeException e) {
            throw new SettingsException(where + " names a file that cannot be read: \"" + named + "\"");
        }
        if (content.length > MAX_BYTES) {
            throw new SettingsException(where + " names a file larger than " + MAX_BYTES / 1024 + " KiB: \""
                    + named + "\"");
        }
        SecretFile file = new SecretFile(named, content, FileAccess.othersMayRead(path)
                ? "the secret file " + named + " can be read by users other than its owner; chmod 600 it"
                : null);
        if (file.secretBytes().length == 0) {
            throw new SettingsException(where + " names an empty file: \"" + named + "\"");
        }
        return file;
    }

    /** Returns a line to log if users other than its owner may read the file, else null. */
    String warning() {
        return warning;
    }

    /** Returns the content's bytes without the one trailing newline (LF or CRLF) editors add. */
    byte[] secretBytes() {
        int end = content.length;
        if (end > 0 && content[end - 1] == '\n') {
            end -= end > 1 && content[end - 2] == '\r' ? 2 : 1;
        }
        return Arrays.copyOf(content, end);
    }

    /**
     * Returns the content as text without the one trailing newline.
     *
     * @throws SettingsException if it is blank or not UTF-8
     */
    String secret(String where) throws SettingsException {
        return decode(secretBytes(), where);
    }

    private String decode(byte[] bytes, String where) throws SettingsException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SettingsException(where + " names a file that is not UTF-8 text: \"" + name + "\"");
        }
        if (text.isBlank()) {
            throw new SettingsException(where + " names an empty file: \"" + name + "\"");
        }
        return text;
    }

    /**
     * Returns the key pairs of a credentials file: one {@code ACCESS_KEY_ID SECRET} a line,
     * blank lines and lines starting with {@code #} ignored.
     *
     * @throws SettingsException naming the line (never its content) that is not a key pair, or
     *     an access key id given twice
     */
    List<AccessKey> keyPairs(String where) throws SettingsException {
        List<AccessKey> keys = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<String> lines = decode(content, where).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length != 2 || !AccessKey.isValidId(fields[0])) {
                throw new SettingsException(where + ": line " + (i + 1) + " of " + name
                        + " is not ACCESS_KEY_ID SECRET");
            }
            if (!ids.add(fields[0])) {
                throw new SettingsException(where + ": the access key id " + fields[0] + " is in " + name + " twice");
            }
            keys.add(new AccessKey(fields[0], fields[1]));
        }
        if (keys.isEmpty()) {
            throw new SettingsException(where + " names a file with no key pair: \"" + name + "\"");
        }
        return keys;
    }

    @Override
    public String toString() {
        return "SecretFile[" + name + ", content hidden]";
    }
}
