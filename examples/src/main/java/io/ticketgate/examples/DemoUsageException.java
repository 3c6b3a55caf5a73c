package io.ticketgate.examples;

/**
 * A mistake in how a demo was started (a flag, a port, a missing file), or a failure the user
 * can act on (a server that is not running). Its message is the one line the user sees after
 * the demo's name; the demo exits 2 for a mistake, as the sidecar launcher does.
 */
public final class DemoUsageException extends Exception {

    /** The exit status for a mistake in how the demo was started. */
    public static final int MISTAKE = 2;

    private final int exitStatus;

    public DemoUsageException(String message) {
        this(message, MISTAKE);
    }

    /** A failure that is not the command line's fault, with the status the demo exits with. */
    public DemoUsageException(String message, int exitStatus) {
        super(message);
        this.exitStatus = exitStatus;
    }

    public int exitStatus() {
        return exitStatus;
    }

    /**
     * A port that cannot be bound, most often because another process holds it.
     *
     * @param address where the bind was tried, HOST:PORT
     * @param reason why it failed, as the JDK or Netty said
     * @param flag the demo's flag that picks another port
     */
    public static DemoUsageException cannotBind(String address, String reason, String flag) {
        String what = reason.contains("in use") ? address + " is in use" : "cannot bind " + address + ": " + reason;
        return new DemoUsageException(what + " (" + flag + " picks another port)");
    }
}
