#!/usr/bin/env bash
# The quick start: with the service and samples/receiver running, creates a workspace, a project and a
# webhook pointing at the receiver, publishes one event, and waits until it is delivered.
#
#   dotnet run --project api -- --Auth:AdminToken=dev-admin-token --Delivery:AllowPrivateNetworks=true
#   dotnet run --project samples/receiver
#   samples/quickstart.sh
#
# The defaults match those commands; API, ADMIN_TOKEN, RECEIVER_URL and SECRET override them.
set -euo pipefail

API=${API:-http://localhost:5000}
ADMIN_TOKEN=${ADMIN_TOKEN:-dev-admin-token}
RECEIVER_URL=${RECEIVER_URL:-http://localhost:5080/qase}
SECRET=${SECRET:-whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw}

# call METHOD PATH TOKEN [BODY]: prints the answer's body; stops the script on an error status.
call() {
  local args=(-sS -X "$1" "$API$2" -H "Token: $3" -w '\n%{http_code}')
  if [ $# -ge 4 ]; then args+=(-H 'Content-Type: application/json' -d "$4"); fi
  local answer status
  answer=$(curl "${args[@]}") || { echo "The service does not answer at $API: start it first (see the top of this script)." >&2; exit 1; }
  status=${answer##*$'\n'}
  answer=${answer%$'\n'*}
  if [ "$status" -ge 400 ]; then
    echo "$1 $2 answered $status: $answer" >&2
    exit 1
  fi
  printf '%s' "$answer"
}

# field NAME: the first string field of that name in the JSON read from standard input.
field() { grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | cut -d '"' -f 4; }

workspace=$(call POST /v1/workspaces "$ADMIN_TOKEN" '{"name":"Quick start","plan":"startup","owner_email":"owner@example.com"}')
TOKEN=$(field token <<<"$workspace")
echo "workspace: $(field id <<<"$workspace")"
echo "token: $TOKEN"

call POST /v1/projects "$TOKEN" '{"code":"DEMO","title":"Demo"}' >/dev/null
echo "project: DEMO"

webhook=$(call POST /v1/projects/DEMO/webhooks "$TOKEN" \
  "{\"title\":\"Sample receiver\",\"url\":\"$RECEIVER_URL\",\"secret\":\"$SECRET\",\"events\":[\"run.completed\"]}")
WEBHOOK=$(field id <<<"$webhook")
echo "webhook: $WEBHOOK -> $RECEIVER_URL"

event=$(call POST /v1/projects/DEMO/events "$TOKEN" \
  '{"event_name":"run.completed","payload":{"id":2,"cases":14,"passed":14,"failed":0,"blocked":0,"duration":0},"team_member_id":40}')
echo "event: $(field event_id <<<"$event"), to $(grep -o '"webhooks":[0-9]*' <<<"$event" | cut -d : -f 2) webhook(s)"

# The first attempt is made at once; a failed one is retried after about 5 s, and its error says why.
for _ in $(seq 1 60); do
  deliveries=$(call GET "/v1/projects/DEMO/webhooks/$WEBHOOK/deliveries" "$TOKEN")
  case $(field status <<<"$deliveries") in
    succeeded)
      echo "delivery: $(field id <<<"$deliveries") succeeded; the receiver printed it as verified"
      exit 0 ;;
    failed)
      break ;;
  esac
  if [ -n "$(field error <<<"$deliveries")" ]; then break; fi
  sleep 0.5
done
echo "delivery: not delivered; last error: $(field error <<<"$deliveries")" >&2
exit 1
