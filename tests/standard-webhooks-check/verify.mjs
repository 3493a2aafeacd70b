// Checks one delivery with the published Standard Webhooks library (npm `standardwebhooks`), as a
// receiver would. Reads {"secret", "headers": {"webhook-id", "webhook-timestamp", "webhook-signature"},
// "body"} from stdin; prints `ok` and exits 0 when the signature verifies, prints the library's error
// and exits 1 when it does not, exits 2 on anything else (bad input, a body that is not JSON).
import { Webhook, WebhookVerificationError } from "standardwebhooks";

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}

let webhook;
let delivery;
try {
  delivery = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  // The library base64-decodes any secret not given as raw bytes (with or without `whsec_`), and its
  // "raw" string form takes one byte per UTF-16 unit; the service signs with a plain secret's UTF-8
  // bytes, so a plain secret goes in as those bytes.
  webhook = delivery.secret.startsWith("whsec_")
    ? new Webhook(delivery.secret)
    : new Webhook(Buffer.from(delivery.secret, "utf8"), { format: "raw" });
} catch (error) {
  console.error(`bad input: ${error}`);
  process.exit(2);
}

try {
  webhook.verify(delivery.body, delivery.headers);
} catch (error) {
  console.error(`${error.name}: ${error.message}`);
  process.exit(error instanceof WebhookVerificationError ? 1 : 2);
}
console.log("ok");
