"""boto3's GameLift client against a Ticketgate agent that demands SigV4 signatures.

Usage: python3 boto3_client.py http://127.0.0.1:PORT ACCESS_KEY_ID SECRET_ACCESS_KEY
Prints one JSON line per check; exits non-zero on the first mismatch.
"""
import json
import sys
import uuid

import boto3
from botocore.config import Config


def check(name, ok, detail=""):
    print(json.dumps({"check": name, "ok": bool(ok), "detail": str(detail)}), flush=True)
    if not ok:
        sys.exit(1)


def gamelift(endpoint, access_key_id, secret):
    return boto3.client("gamelift", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id=access_key_id, aws_secret_access_key=secret,
                        config=Config(retries={"max_attempts": 1}))


def main(endpoint, access_key_id, secret):
    client = gamelift(endpoint, access_key_id, secret)
    game = client.create_game_session(FleetId="fleet-local", MaximumPlayerSessionCount=2,
                                      Name="boto3")["GameSession"]
    check("CreateGameSession", game["Status"] == "ACTIVE", game["GameSessionId"])
    ticket = client.create_player_session(GameSessionId=game["GameSessionId"], PlayerId="p1")["PlayerSession"]
    check("CreatePlayerSession", ticket["Status"] == "RESERVED", ticket["PlayerSessionId"])

    name = "intruder-" + str(uuid.uuid4())
    for label, key, wrong_secret in (("wrong secret", access_key_id, secret + "-wrong"),
                                     ("unknown key", "AKIDNOBODYKNOWS", secret)):
        try:
            gamelift(endpoint, key, wrong_secret).create_game_session(
                FleetId="fleet-local", MaximumPlayerSessionCount=2, Name=name)
            check(label, False, "no error")
        except client.exceptions.UnauthorizedException as e:
            message = e.response["Error"]["Message"]
            check(label, e.response["ResponseMetadata"]["HTTPStatusCode"] == 400
                  and message.startswith(label.replace("wrong secret", "signature mismatch")), message)
    sessions = client.describe_game_sessions(FleetId="fleet-local")["GameSessions"]
    check("the refused calls created nothing", all(s.get("Name") != name for s in sessions))
    print(json.dumps({"done": True}), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
