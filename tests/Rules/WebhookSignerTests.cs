using System.Text;
using NSec.Cryptography;
using Qase.Webhooks.Grains.Delivery;

namespace Qase.Webhooks.Tests.Rules;

/// <summary>What a webhook's signer puts in <c>webhook-signature</c> for an attempt, by the attempt's time.</summary>
public sealed class WebhookSignerTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string OldSecret = "an older plain secret";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long Timestamp = 1614265330;
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"test": 2432232314}""");
    private static readonly DateTimeOffset Until = DateTimeOffset.FromUnixTimeSeconds(Timestamp + 60);

    [Fact]
    public void An_hmac_signer_gives_the_Standard_Webhooks_v1_signature_and_the_old_secret_only_before_the_overlap_ends()
    {
        using var signer = WebhookSigner.For(Secret, OldSecret, null, null, Until);

        var during = signer.Sign(Id, Timestamp, Body, Until.AddMilliseconds(-1));
        var after = signer.Sign(Id, Timestamp, Body, Until);

        Assert.Equal($"v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= {WebhookSignature.Sign(OldSecret, Id, Timestamp, Body)}", during);
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", after);
        Assert.Equal(Secret, signer.Secret);
        Assert.Null(signer.PublicKey);
    }

    [Fact]
    public void An_ed25519_signer_adds_v1a_signatures_that_verify_with_its_public_key_and_the_old_key_during_the_overlap()
    {
        var key = WebhookSigner.NewPrivateKey();
        var oldKey = WebhookSigner.NewPrivateKey();
        using var signer = WebhookSigner.For(null, null, key, oldKey, Until);

        var parts = signer.Sign(Id, Timestamp, Body, Until.AddSeconds(-1))!.Split(' ');
        var after = signer.Sign(Id, Timestamp, Body, Until)!.Split(' ');

        Assert.Equal(2, parts.Length);
        Assert.All(parts, p => Assert.StartsWith("v1a,", p));
        var message = Encoding.UTF8.GetBytes($"{Id}.{Timestamp}.").Concat(Body).ToArray();
        Assert.True(Verify(signer.PublicKey!, message, parts[0]));
        Assert.True(Verify(PublicKeyOf(oldKey), message, parts[1]));
        Assert.False(Verify(signer.PublicKey!, message, parts[1]));
        Assert.Equal(parts[0], Assert.Single(after));
        Assert.Null(signer.Secret);
        Assert.Equal(32, key.Length);
    }

    [Fact]
    public void Without_a_secret_or_a_key_nothing_signs()
    {
        var signer = WebhookSigner.For(null, null, null, null, null);

        Assert.False(signer.Signs);
        Assert.Null(signer.Sign(Id, Timestamp, Body, Until));
    }

    [Fact]
    public void Signing_an_attempt_allocates_little_more_than_the_header()
    {
        using var signer = WebhookSigner.For(Secret, OldSecret, WebhookSigner.NewPrivateKey(), WebhookSigner.NewPrivateKey(), Until);
        var body = new byte[64 * 1024];
        signer.Sign(Id, Timestamp, body, DateTimeOffset.UnixEpoch); // warms the buffer pool

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            signer.Sign(Id, Timestamp, body, DateTimeOffset.UnixEpoch);
        }
        var perAttempt = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;

        // Four signatures make a header of 283 characters: a string of under 600 bytes, and no copy of the body.
        Assert.InRange(perAttempt, 1, 1024);
    }

    private static string PublicKeyOf(byte[] privateKey)
    {
        using var key = Key.Import(SignatureAlgorithm.Ed25519, privateKey, KeyBlobFormat.RawPrivateKey);
        return "whpk_" + Convert.ToBase64String(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    private static bool Verify(string publicKey, byte[] message, string signature) =>
        SignatureAlgorithm.Ed25519.Verify(
            PublicKey.Import(SignatureAlgorithm.Ed25519, Convert.FromBase64String(publicKey["whpk_".Length..]), KeyBlobFormat.RawPublicKey),
            message, Convert.FromBase64String(signature["v1a,".Length..]));
}
