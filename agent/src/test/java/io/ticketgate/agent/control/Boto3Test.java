package io.ticketgate.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.Admission;
import io.ticketgate.agent.RequiredTool;
import io.ticketgate.agent.TicketgateAgent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * boto3, as a Python backend uses it, against a live agent that demands SigV4 signatures
 * ({@code src/test/python/boto3_client.py}): with the agent's key pair it creates a game session
 * and a player session; with a wrong secret or an unknown key it gets UnauthorizedException.
 * Skipped where boto3 is not installed, except on CI, which installs it.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Boto3Test {

    private static final Path SCRIPT_DIR = Path.of("src", "test", "python");

    @Test
    void boto3SignsAsTheAgentDemands() throws Exception {
        String python3 = pythonWithBoto3();
        boolean installed = python3 != null;
        RequiredTool.require(installed,
                "boto3 is not installed (python3 -c 'import boto3' fails; apt-get install python3-boto3)");
        try (TicketgateAgent agent = TicketgateAgent.builder().playerPort(0).controlPort(0)
                .controlCredentials(SdkAgent.ACCESS_KEY_ID, SdkAgent.SECRET_KEY)
                .listener((session, connection) -> Admission.accepted()).build().start()) {
            ProcessBuilder builder = new ProcessBuilder(python3, "boto3_client.py",
                    "http://127.0.0.1:" + agent.controlPort(), SdkAgent.ACCESS_KEY_ID, SdkAgent.SECRET_KEY)
                    .directory(SCRIPT_DIR.toFile())
                    .redirectErrorStream(true);
            // Only the arguments may give boto3 credentials, a region or an endpoint.
            builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
            builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
            builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
            builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
            Process python = builder.start();
            String output = readAll(python);
            assertTrue(python.waitFor(90, TimeUnit.SECONDS), "python3 did not finish:\n" + output);
            assertEquals(0, python.exitValue(), output);
            assertTrue(output.contains("{\"done\": true}"), output);
        }
    }

    /**
     * Returns the first python3 that can import boto3: the one on the PATH, else the system's, where
     * Debian's python3-boto3 goes when the PATH leads to another Python (pyenv, say). Null for none.
     */
    private static String pythonWithBoto3() throws InterruptedException {
        for (String python3 : new String[] {"python3", "/usr/bin/python3"}) {
            try {
                Process probe = new ProcessBuilder(python3, "-c", "import boto3").redirectErrorStream(true).start();
                readAll(probe);
                if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return python3;
                }
            } catch (IOException e) {
                // Not installed here; try the next.
            }
        }
        return null;
    }

    private static String readAll(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
