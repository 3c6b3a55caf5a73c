// The AWS SDK for JavaScript v3 GameLift client, switched to Smithy RPC v2 CBOR, against a
// Ticketgate agent that demands SigV4 signatures.
// Usage: node cbor-client.mjs http://127.0.0.1:PORT ACCESS_KEY_ID SECRET_ACCESS_KEY
// Prints one JSON line per check; exits non-zero on the first mismatch.
import {
  GameLiftClient, CreateGameSessionCommand, DescribeGameSessionsCommand, DescribeGameSessionDetailsCommand,
  UpdateGameSessionCommand, CreatePlayerSessionCommand, CreatePlayerSessionsCommand, DescribePlayerSessionsCommand,
  GameSessionFullException, NotFoundException, InvalidRequestException, InvalidGameSessionStatusException,
  UnauthorizedException,
} from "@aws-sdk/client-gamelift";
import { AwsSmithyRpcV2CborProtocol } from "@aws-sdk/config/protocol";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { Readable } from "node:stream";

const [endpoint, accessKeyId, secretAccessKey] = process.argv.slice(2);

// Keeps each response body as it came off the wire, to read an error's __type itself.
const bodies = [];
class RecordingHandler extends NodeHttpHandler {
  async handle(request, options) {
    const out = await super.handle(request, options);
    const chunks = [];
    for await (const chunk of out.response.body) chunks.push(chunk);
    const bytes = Buffer.concat(chunks);
    bodies.push(bytes);
    out.response.body = Readable.from([bytes]);
    return out;
  }
}

function gameLift(secret) {
  return new GameLiftClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId, secretAccessKey: secret },
    protocol: AwsSmithyRpcV2CborProtocol,
    requestHandler: new RecordingHandler(),
    maxAttempts: 1,
  });
}

const requests = [];
const client = gameLift(secretAccessKey);
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

// A wrong secret: UnauthorizedException, whose CBOR body names its shape id, and nothing created.
const intruder = gameLift(secretAccessKey + "-wrong");
await expectError("UnauthorizedException", UnauthorizedException, () => intruder.send(new CreateGameSessionCommand({
  FleetId: "fleet-local", MaximumPlayerSessionCount: 2, Name: "intruder" })));
const refusal = bodies[bodies.length - 1];
const typeAt = refusal.indexOf("__type");
check("the refusal's __type is com.amazonaws.gamelift#UnauthorizedException", typeAt >= 0
  && refusal.indexOf("com.amazonaws.gamelift#UnauthorizedException") > typeAt
  && refusal.includes("signature mismatch"), refusal.toString("latin1"));
const all = await client.send(new DescribeGameSessionsCommand({ FleetId: "fleet-local" }));
check("the refused call created nothing", all.GameSessions.every((g) => g.Name !== "intruder"), "");

check("every request was Smithy RPC v2 CBOR", requests.length > 0 && requests.every((r) =>
  r.path.startsWith("/service/GameLift/operation/") && r.contentType === "application/cbor" && r.protocol === "rpc-v2-cbor"),
  JSON.stringify(requests[0]));
console.log(JSON.stringify({ done: true, requests: requests.length }));
