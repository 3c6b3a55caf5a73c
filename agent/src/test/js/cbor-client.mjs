// The AWS SDK for JavaScript v3 GameLift client, switched to Smithy RPC v2 CBOR, against a
// Ticketgate agent. Usage: node cbor-client.mjs http://127.0.0.1:PORT
// Prints one JSON line per check; exits non-zero on the first mismatch.
import {
  GameLiftClient, CreateGameSessionCommand, DescribeGameSessionsCommand, DescribeGameSessionDetailsCommand,
  UpdateGameSessionCommand, CreatePlayerSessionCommand, CreatePlayerSessionsCommand, DescribePlayerSessionsCommand,
  GameSessionFullException, NotFoundException, InvalidRequestException, InvalidGameSessionStatusException,
} from "@aws-sdk/client-gamelift";
import { AwsSmithyRpcV2CborProtocol } from "@aws-sdk/config/protocol";

const requests = [];
const client = new GameLiftClient({
  endpoint: process.argv[2],
  region: "us-east-1",
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
  protocol: AwsSmithyRpcV2CborProtocol,
  maxAttempts: 1,
});
// Record what went on the wire, to prove it was CBOR and not JSON.
client.middlewareStack.add((next) => async (args) => {
  requests.push({ path: args.request.path, contentType: args.request.headers["content-type"],
    protocol: args.request.headers["smithy-protocol"] });
  return next(args);
}, { step: "finalizeRequest" });

function check(name, condition, detail) {
  console.log(JSON.stringify({ check: name, ok: !!condition, detail }));
  if (!condition) process.exit(1);
}

async function expectError(name, type, send) {
  try {
    await send();
    check(name, false, "no error");
  } catch (e) {
    check(name, e instanceof type && e.$metadata.httpStatusCode === 400, `${e.name}: ${e.message}`);
  }
}

const before = Date.now() - 60_000;
const game = (await client.send(new CreateGameSessionCommand({
  FleetId: "fleet-local", MaximumPlayerSessionCount: 2, Name: "cbor", GameProperties: [{ Key: "mode", Value: "duel" }],
}))).GameSession;
check("CreateGameSession", game.Status === "ACTIVE" && game.GameSessionId.startsWith("arn:aws:gamelift:"), game.GameSessionId);
check("CreationTime is a Date from CBOR tag 1", game.CreationTime instanceof Date && game.CreationTime.getTime() > before,
  String(game.CreationTime));
check("GameProperties", game.GameProperties?.[0]?.Value === "duel", JSON.stringify(game.GameProperties));

const described = await client.send(new DescribeGameSessionsCommand({ GameSessionId: game.GameSessionId }));
check("DescribeGameSessions", described.GameSessions.length === 1 && described.GameSessions[0].Name === "cbor", "");

const updated = (await client.send(new UpdateGameSessionCommand({
  GameSessionId: game.GameSessionId, MaximumPlayerSessionCount: 3, ProtectionPolicy: "FullProtection",
}))).GameSession;
check("UpdateGameSession", updated.MaximumPlayerSessionCount === 3, String(updated.MaximumPlayerSessionCount));

const details = await client.send(new DescribeGameSessionDetailsCommand({ GameSessionId: game.GameSessionId }));
check("DescribeGameSessionDetails", details.GameSessionDetails[0].ProtectionPolicy === "FullProtection", "");

const one = (await client.send(new CreatePlayerSessionCommand({
  GameSessionId: game.GameSessionId, PlayerId: "p1", PlayerData: "Zed",
}))).PlayerSession;
check("CreatePlayerSession", one.Status === "RESERVED" && one.PlayerData === "Zed" && one.PlayerSessionId.startsWith("psess-"),
  one.PlayerSessionId);

const two = (await client.send(new CreatePlayerSessionsCommand({
  GameSessionId: game.GameSessionId, PlayerIds: ["p2", "p3"], PlayerDataMap: { p2: "Two" },
}))).PlayerSessions;
check("CreatePlayerSessions", two.length === 2 && two[0].PlayerData === "Two" && two[1].PlayerData === undefined, "");

const page1 = await client.send(new DescribePlayerSessionsCommand({ GameSessionId: game.GameSessionId, Limit: 2 }));
const page2 = await client.send(new DescribePlayerSessionsCommand({
  GameSessionId: game.GameSessionId, Limit: 2, NextToken: page1.NextToken,
}));
check("DescribePlayerSessions pages", page1.PlayerSessions.length === 2 && page1.NextToken && page2.PlayerSessions.length === 1
  && !page2.NextToken, `${page1.PlayerSessions.length}+${page2.PlayerSessions.length}`);

await expectError("GameSessionFullException", GameSessionFullException, () => client.send(
  new CreatePlayerSessionCommand({ GameSessionId: game.GameSessionId, PlayerId: "p4" })));
await expectError("NotFoundException", NotFoundException, () => client.send(
  new CreatePlayerSessionCommand({ GameSessionId: "arn:aws:gamelift:local::gamesession/fleet-local/none", PlayerId: "p" })));
await expectError("InvalidRequestException", InvalidRequestException, () => client.send(
  new DescribePlayerSessionsCommand({})));
await client.send(new UpdateGameSessionCommand({ GameSessionId: game.GameSessionId, PlayerSessionCreationPolicy: "DENY_ALL",
  MaximumPlayerSessionCount: 10 }));
await expectError("InvalidGameSessionStatusException", InvalidGameSessionStatusException, () => client.send(
  new CreatePlayerSessionCommand({ GameSessionId: game.GameSessionId, PlayerId: "p5" })));

check("every request was Smithy RPC v2 CBOR", requests.length > 0 && requests.every((r) =>
  r.path.startsWith("/service/GameLift/operation/") && r.contentType === "application/cbor" && r.protocol === "rpc-v2-cbor"),
  JSON.stringify(requests[0]));
console.log(JSON.stringify({ done: true, requests: requests.length }));
