package io.ticketgate.examples.bench.gate;

import io.ticketgate.examples.bench.AwsJsonCaller;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Reserves player sessions through an agent's control API, as a game backend does before its
 * players connect: CreateGameSession with 200 slots, then CreatePlayerSessions in batches of 25.
 * Each id it returns is meant to be used once.
 */
final class Reservations {

    private static final String FLEET = "fleet-local";
    private static final int SLOTS = 200;
    private static final int BATCH = 25;
    private static final int ATTEMPTS = 50;
    private static final Pattern GAME_SESSION_ID = Pattern.compile("\"GameSessionId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern PLAYER_SESSION_ID = Pattern.compile("\"PlayerSessionId\"\\s*:\\s*\"([^\"]+)\"");

    private final AwsJsonCaller control;
    private final AtomicLong players = new AtomicLong();

    Reservations(int controlPort) {
        this.control = new AwsJsonCaller(controlPort);
    }

    /** Reserves {@code count} player sessions and returns their ids. */
    List<String> reserve(int count) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>(count);
        while (ids.size() < count) {
            String game = first(GAME_SESSION_ID, call(() -> control.createGameSession(FLEET, SLOTS)));
            for (int taken = 0; taken < SLOTS && ids.size() < count; taken += BATCH) {
                List<String> batch = IntStream.range(0, Math.min(BATCH, count - ids.size()))
                        .mapToObj(i -> "player-" + players.incrementAndGet()).toList();
                Matcher reserved = PLAYER_SESSION_ID.matcher(call(() -> control.createPlayerSessions(game, batch)));
                while (reserved.find()) {
                    ids.add(reserved.group(1));
                }
            }
        }
        return ids;
    }

    private interface Call {
        AwsJsonCaller.Answer send() throws IOException, InterruptedException;
    }

    /** One call's body; a throttled call (the control port's request rate bound) is sent again. */
    private static String call(Call call) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            AwsJsonCaller.Answer answer = call.send();
            if (answer.status() == 200) {
                return answer.body();
            }
            if (!answer.body().contains("Throttl") || attempt == ATTEMPTS) {
                throw new IllegalStateException("the control API answered " + answer.status() + " " + answer.body());
            }
            // The rate bound refills by the second; back off a little and try again.
            Thread.sleep(20L * attempt);
        }
    }

    private static String first(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in " + body);
        }
        return matcher.group(1);
    }
}
