// Checks the Standard Webhooks `v1a` (Ed25519) signatures of one delivery with Node's own crypto, an
// implementation independent of the service's. Reads {"public_key": "whpk_<base64>", "headers":
// {"webhook-id", "webhook-timestamp", "webhook-signature"}, "body"} from stdin and prints one line of JSON,
// {"v1a": [true, false, ...]}: for each v1a signature in the header, in order, whether it verifies with the key.
// Exits 2 on bad input.
import { createPublicKey, verify } from "node:crypto";

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}

let key;
let delivery;
try {
  delivery = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  if (!delivery.public_key.startsWith("whpk_")) {
    throw new Error("the public key is not of the whpk_ form");
  }
  const raw = Buffer.from(delivery.public_key.slice("whpk_".length), "base64");
  if (raw.length !== 32) {
    throw new Error(`the public key has ${raw.length} bytes, not 32`);
  }
  key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") }, format: "jwk" });
} catch (error) {
  console.error(`bad input: ${error}`);
  process.exit(2);
}

const headers = delivery.headers;
const message = Buffer.from(`${headers["webhook-id"]}.${headers["webhook-timestamp"]}.${delivery.body}`, "utf8");
const results = headers["webhook-signature"]
  .split(" ")
  .filter((part) => part.startsWith("v1a,"))
  .map((part) => verify(null, message, key, Buffer.from(part.slice("v1a,".length), "base64")));
console.log(JSON.stringify({ v1a: results }));
