using System.Security.Cryptography;
using System.Text;

namespace Qase.Webhooks.Tests.Delivery;

/// <summary>
/// A receiver's check of a signature, written from the Standard Webhooks specification alone (not from
/// the service's code): HMAC-SHA256 over "{id}.{timestamp}.{body}", keyed by the base64 part of a
/// <c>whsec_</c> secret; the header holds space-separated "v1,&lt;base64&gt;" signatures.
/// </summary>
public static class StandardWebhooksVerifier
{
    public static bool Verify(string secret, string id, string timestamp, byte[] body, string signatureHeader)
    {
        var key = secret.StartsWith("whsec_") ? Convert.FromBase64String(secret["whsec_".Length..]) : Encoding.UTF8.GetBytes(secret);
        using var hmac = new HMACSHA256(key);
        var signed = hmac.ComputeHash([.. Encoding.UTF8.GetBytes($"{id}.{timestamp}."), .. body]);
        var expected = "v1," + Convert.ToBase64String(signed);
        return signatureHeader.Split(' ').Any(candidate =>
            CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate), Encoding.ASCII.GetBytes(expected)));
    }
}
