package io.ticketgate.agent.fleet;

import io.ticketgate.agent.RequiredTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** A Redis Cluster of three masters on loopback, made with redis-cli --cluster create; for fleet tests. */
final class RedisCluster implements AutoCloseable {

    private final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = nodes;
    }

    static RedisCluster start() throws IOException, InterruptedException {
        // Debian's redis-server brings redis-cli (redis-tools).
        RequiredTool.require(Files.isExecutable(Path.of("/usr/bin/redis-cli")),
                "redis-cli is not installed (apt-get install redis-server)");
        Path directory = Files.createTempDirectory("redis-cluster-");
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(RedisServer.startClusterNode(directory));
            }
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            nodes.forEach(node -> create.add("127.0.0.1:" + node.port()));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            Process made = new ProcessBuilder(create).redirectErrorStream(true).start();
            String output = new String(made.getInputStream().readAllBytes());
            if (!made.waitFor(30, TimeUnit.SECONDS) || made.exitValue() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed: " + output);
            }
            RedisCluster cluster = new RedisCluster(nodes);
            cluster.awaitStateOk();
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            for (RedisServer node : nodes) {
                node.close();
            }
            throw e;
        }
    }

    /** {@code redis-cluster://} with every node as a seed. */
    String uri() {
        return "redis-cluster://" + nodes.stream().map(node -> "127.0.0.1:" + node.port())
                .collect(Collectors.joining(","));
    }

    private void awaitStateOk() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            boolean ok = true;
            for (RedisServer node : nodes) {
                Process info = new ProcessBuilder("redis-cli", "-p", Integer.toString(node.port()), "cluster", "info")
                        .redirectErrorStream(true).start();
                ok &= new String(info.getInputStream().readAllBytes()).contains("cluster_state:ok");
                info.waitFor();
            }
            if (ok) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster never reached cluster_state:ok");
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (RedisServer node : nodes) {
            node.close();
        }
    }
}
