package io.ticketgate.agent;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * The rule for tests that drive an installed tool (aws-cli, boto3, Node.js, redis-server): CI
 * installs every one of them, so there a missing tool fails the test; elsewhere the test is
 * skipped, and says so on the console, where Maven shows it, not only in a surefire report.
 */
public final class RequiredTool {

    private RequiredTool() {
    }

    /**
     * Fails on CI, else skips the calling test, unless the tool is installed.
     *
     * @param installed whether the tool is there
     * @param missing what is missing and how to install it, e.g. "aws-cli is not installed (no aws on PATH)"
     */
    public static void require(boolean installed, String missing) {
        if (installed) {
            return;
        }
        if (onCi()) {
            fail("CI installs every tool the tests need (.ci/run), but " + missing);
        }
        System.err.println("[WARNING] SKIPPED " + callingTest() + ": " + missing);
        Assumptions.abort(missing);
    }

    private static boolean onCi() {
        return "true".equals(System.getenv("CI"));
    }

    /** The test class and method that asked, as Maven names them. */
    private static String callingTest() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(frame -> frame.getClassName().endsWith("Test") || frame.getClassName().endsWith("IT"))
                .map(frame -> frame.getClassName() + "." + frame.getMethodName())
                .findFirst()
                .orElse("a test"));
    }
}
