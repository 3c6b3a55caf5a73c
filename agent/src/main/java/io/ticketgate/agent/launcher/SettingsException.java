package io.ticketgate.agent.launcher;

/** A setting the sidecar cannot start with; its message is the one line the operator sees. */
final class SettingsException extends Exception {

    SettingsException(String message) {
        super(message);
    }

    SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
