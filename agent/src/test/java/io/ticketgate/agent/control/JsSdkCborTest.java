package io.ticketgate.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.Admission;
import io.ticketgate.agent.RequiredTool;
import io.ticketgate.agent.TicketgateAgent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real client of the Smithy RPC v2 CBOR path: the AWS SDK for JavaScript v3's GameLift client
 * with {@code protocol: AwsSmithyRpcV2CborProtocol}, run by Node.js against a live agent that
 * demands SigV4 signatures ({@code src/test/js/cbor-client.mjs}); a wrong secret gets
 * {@code com.amazonaws.gamelift#UnauthorizedException}. CI installs its packages; elsewhere the test is skipped
 * when they are missing ({@code npm ci} in {@code agent/src/test/js} to run it).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JsSdkCborTest {

    private static final Path CLIENT_DIR = Path.of("src", "test", "js");

    @Test
    void theJavaScriptSdkSpeaksRpcV2CborWithTheAgent() throws Exception {
        boolean installed = Files.isDirectory(CLIENT_DIR.resolve("node_modules/@aws-sdk/client-gamelift"));
        RequiredTool.require(installed, "the AWS SDK for JavaScript is not installed (npm ci in agent/src/test/js)");
        try (TicketgateAgent agent = TicketgateAgent.builder().playerPort(0).controlPort(0)
                .controlCredentials(SdkAgent.ACCESS_KEY_ID, SdkAgent.SECRET_KEY)
                .listener((session, connection) -> Admission.accepted()).build().start()) {
            Process node = new ProcessBuilder("node", "--no-warnings", "cbor-client.mjs",
                    "http://127.0.0.1:" + agent.controlPort(), SdkAgent.ACCESS_KEY_ID, SdkAgent.SECRET_KEY)
                    .directory(CLIENT_DIR.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = readAll(node);
            assertTrue(node.waitFor(90, TimeUnit.SECONDS), "node did not finish:\n" + output);
            assertEquals(0, node.exitValue(), output);
            assertTrue(output.contains("\"done\":true"), output);
        }
    }

    private static String readAll(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
