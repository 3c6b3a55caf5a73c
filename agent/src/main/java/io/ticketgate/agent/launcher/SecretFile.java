package io.ticketgate.agent.launcher;

import io.ticketgate.agent.control.auth.AccessKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A file holding a secret (a secret access key, key pairs, a bearer token), read once at
 * start-up. No message about it ever quotes its content.
 *
 * @param name the file as the operator wrote it
 * @param text its content
 * @param warning a line to log if users other than its owner may read it, else null
 */
record SecretFile(String name, String text, String warning) {

    /**
     * Reads a secret file.
     *
     * @param where the setting that names it, as the operator wrote it, for messages
     * @throws SettingsException if it cannot be read or is empty
     */
    static SecretFile read(Path workingDirectory, String named, String where) throws SettingsException {
        Path path = workingDirectory.resolve(named.strip());
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new SettingsException(where + " names a file that cannot be read: \"" + named + "\"");
        }
        if (text.isBlank()) {
            throw new SettingsException(where + " names an empty file: \"" + named + "\"");
        }
        return new SecretFile(named, text, othersMayRead(path)
                ? "the secret file " + named + " can be read by users other than its owner; chmod 600 it"
                : null);
    }

    /** Returns the content without the one trailing newline editors add. */
    String secret() {
        return text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
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
        List<String> lines = text.lines().toList();
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

    private static boolean othersMayRead(Path path) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            return permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ);
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: there is nothing to check.
            return false;
        }
    }

    @Override
    public String toString() {
        return "SecretFile[" + name + ", content hidden]";
    }
}
