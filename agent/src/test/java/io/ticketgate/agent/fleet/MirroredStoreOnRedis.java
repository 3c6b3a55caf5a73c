package io.ticketgate.agent.fleet;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.ticketgate.agent.store.SessionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** For tests of one agent's store copied to a Redis of its own: the store, its mirror, and a look into Redis. */
abstract class MirroredStoreOnRedis {

    static final String FLEET = "fleet-test";

    RedisServer redis;
    FleetConnection connection;
    FleetMirror mirror;
    SessionStore store;
    RedisClient inspector;
    StatefulRedisConnection<String, byte[]> inspection;

    @BeforeEach
    void startRedisAndStore() throws Exception {
        redis = RedisServer.start();
        FleetSettings settings = new FleetSettings(redis.uri(), FLEET, "agent-a", 10,
                FleetSettings.DEFAULT_HEARTBEAT_TIMEOUT);
        connection = FleetConnection.open(settings);
        mirror = new FleetMirror(connection, settings, "{}", MirroredStore.RETENTION);
        store = MirroredStore.of(FLEET, mirror);
        inspector = RedisClient.create(redis.uri());
        inspection = inspector.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    }

    @AfterEach
    void stopRedis() throws Exception {
        inspection.close();
        inspector.shutdown();
        connection.close();
        redis.close();
    }
}
