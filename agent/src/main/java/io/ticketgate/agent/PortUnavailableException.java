package io.ticketgate.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * {@link TicketgateAgent#start()} could not open one of its ports: most often another process
 * holds it. Says which port, so a game server can name its own setting for it.
 */
public final class PortUnavailableException extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    /** Which of the agent's ports. */
    public enum Port {
        /** The port players connect to ({@code playerPort}, {@code playerBindAddress}). */
        PLAYER("cannot listen for players on "),
        /** The control API's port ({@code controlPort}, {@code controlBindAddress}). */
        CONTROL("cannot serve the control API on ");

        private final String failure;

        Port(String failure) {
            this.failure = failure;
        }
    }

    private final Port port;
    private final String address;
    private final String reason;

    /**
     * @param port which port
     * @param address where the bind was tried, HOST:PORT
     * @param reason why it failed, e.g. "Address already in use"
     * @param cause what the bind threw
     */
    public PortUnavailableException(Port port, String address, String reason, Throwable cause) {
        this(port.failure + address + ": " + reason, port, address, reason, cause);
    }

    private PortUnavailableException(String message, Port port, String address, String reason, Throwable cause) {
        super(message, new IOException(message, cause));
        this.port = Objects.requireNonNull(port, "port");
        this.address = Objects.requireNonNull(address, "address");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Returns which port could not be opened. */
    public Port port() {
        return port;
    }

    /** Returns where the bind was tried, HOST:PORT. */
    public String address() {
        return address;
    }

    /** Returns why the bind failed, as the operating system or Netty said it. */
    public String reason() {
        return reason;
    }
}
