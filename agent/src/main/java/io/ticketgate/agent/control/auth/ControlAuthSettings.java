package io.ticketgate.agent.control.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Who may use the control port: the SigV4 key pairs the GameLift operations accept (none: no
 * signature is checked), whether that may be so on an address other than loopback, and the
 * bearer token of the local API (null: none). {@link #toString()} never shows a secret.
 */
public record ControlAuthSettings(List<AccessKey> accessKeys, boolean allowUnauthenticated, String localApiToken) {

    /** No keys, no token: what an agent bound to loopback needs nothing more than. */
    public static final ControlAuthSettings NONE = new ControlAuthSettings(List.of(), false, null);

    public ControlAuthSettings {
        accessKeys = List.copyOf(accessKeys);
    }

    /** True when GameLift operations must carry a valid signature. */
    public boolean signatureRequired() {
        return !accessKeys.isEmpty();
    }

    /**
     * Returns why the control API may not serve {@code bindAddress} with these settings, or null
     * if it may: without keys it must stay on loopback unless unauthenticated use is allowed.
     */
    public String unsafeBind(String bindAddress) {
        if (signatureRequired() || allowUnauthenticated || isLoopback(bindAddress)) {
            return null;
        }
        return "the control API would listen on " + bindAddress + ", which is not loopback, without credentials";
    }

    /** Returns the one line the agent logs at start-up about how the control port is protected. */
    public String describe(String bindAddress) {
        String control;
        if (signatureRequired()) {
            control = "GameLift operations need an AWS SigV4 signature (" + accessKeys.size()
                    + (accessKeys.size() == 1 ? " key pair)" : " key pairs)");
        } else if (isLoopback(bindAddress)) {
            control = "unauthenticated (loopback only)";
        } else {
            control = "UNAUTHENTICATED on " + bindAddress + ", as allowed explicitly";
        }
        return "Control API authentication: " + control + "; local API "
                + (localApiToken != null ? "needs its bearer token" : "has no bearer token");
    }

    private static boolean isLoopback(String bindAddress) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(bindAddress);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            // Binding will fail and say so; it is not the place of this check.
            return true;
        }
    }

    @Override
    public String toString() {
        return "ControlAuthSettings[" + accessKeys + ", allowUnauthenticated=" + allowUnauthenticated
                + ", localApiToken=" + (localApiToken == null ? "none" : "hidden") + "]";
    }
}
