package io.ticketgate.examples.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * Calls GameLift's player session operations on an agent's control API in its real wire format, AWS
 * JSON 1.1, unsigned (as loopback allows), and reads its meters. One caller holds one kept-alive HTTP/1.1 connection,
 * so give each benchmark thread its own. (Java 17's client has no close: dropping
 * it lets its selector thread and connection go.)
 */
public final class AwsJsonCaller {

    /** The answer as the wire gave it. */
    public record Answer(int status, String body) {

        public boolean reserved() {
            return status == 200 && body.contains("\"PlayerSessionId\"");
        }
    }

    /** The ids the benchmarks make need no JSON escaping; anything else is a bug here, not input. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9:/._-]+");

    private final HttpClient http;
    private final URI endpoint;

    public AwsJsonCaller(int controlPort) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.endpoint = URI.create("http://127.0.0.1:" + controlPort + "/");
    }

    public Answer createPlayerSession(String gameSessionId, String playerId) throws IOException, InterruptedException {
        return call("CreatePlayerSession",
                "{\"GameSessionId\":\"" + plain(gameSessionId) + "\",\"PlayerId\":\"" + plain(playerId) + "\"}");
    }

    /** GameLift's CreatePlayerSessions: up to 25 players of one game session in one call. */
    public Answer createPlayerSessions(String gameSessionId, List<String> playerIds)
            throws IOException, InterruptedException {
        String players = playerIds.stream().map(id -> "\"" + plain(id) + "\"").collect(Collectors.joining(","));
        return call("CreatePlayerSessions",
                "{\"GameSessionId\":\"" + plain(gameSessionId) + "\",\"PlayerIds\":[" + players + "]}");
    }

    /** GameLift's DescribePlayerSessions: the first page of a game session's player sessions. */
    public Answer describePlayerSessions(String gameSessionId, int limit) throws IOException, InterruptedException {
        return call("DescribePlayerSessions",
                "{\"GameSessionId\":\"" + plain(gameSessionId) + "\",\"Limit\":" + limit + "}");
    }

    /** GameLift's CreateGameSession on the agent's one fleet. */
    public Answer createGameSession(String fleetId, int maximumPlayerSessionCount)
            throws IOException, InterruptedException {
        return call("CreateGameSession", "{\"FleetId\":\"" + plain(fleetId) + "\",\"MaximumPlayerSessionCount\":"
                + maximumPlayerSessionCount + "}");
    }

    private Answer call(String operation, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("X-Amz-Target", "GameLift." + operation)
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /**
     * Reads one unlabelled meter from the agent's Prometheus scrape, {@code /metrics}.
     *
     * @return its value, or -1 if the agent does not have it
     */
    double metric(String name) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/metrics")).timeout(Duration.ofSeconds(30))
                .GET().build();
        String scrape = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        return scrape.lines().filter(line -> line.startsWith(name + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(name.length() + 1).trim())).orElse(-1.0);
    }

    private static String plain(String value) {
        if (!PLAIN.matcher(value).matches()) {
            throw new IllegalArgumentException("not a plain id: " + value);
        }
        return value;
    }
}
