package io.ticketgate.agent.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** Who may read a file holding a secret: the one check behind every "chmod 600 it" warning. */
public final class FileAccess {

    private FileAccess() {
    }

    /**
     * Returns true if users other than the file's owner (its group, or anyone) may read it. False
     * where the file system has no POSIX permissions (Windows): its ACLs are not checked.
     */
    public static boolean othersMayRead(Path path) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            return permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }
}
