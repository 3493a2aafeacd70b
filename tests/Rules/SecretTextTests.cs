using Qase.Webhooks.Contracts.Webhooks;

namespace Qase.Webhooks.Tests.Rules;

/// <summary>Records print their members; the records that carry a secret must not print it into a log line.</summary>
public sealed class SecretTextTests
{
    [Fact]
    public void A_rotation_and_its_answer_print_no_secret()
    {
        var webhook = new Webhook("wh_1", "DEMO", "CI", "https://ci.example.com/hook", ["run.completed"], true, true,
            null, null, null, null, null, null, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        var rotation = new SecretRotation("given-S3cret", TimeSpan.FromHours(1)).ToString();
        var answer = new RotatedSecret("whsec_generated-S3cret", webhook).ToString();

        Assert.DoesNotContain("S3cret", rotation);
        Assert.Contains("01:00:00", rotation);
        Assert.DoesNotContain("S3cret", answer);
        Assert.Contains("wh_1", answer);
    }

    [Fact]
    public void A_new_webhook_and_a_patch_print_no_secret()
    {
        var created = new NewWebhook("CI", "https://ci.example.com/hook", "given-S3cret", ["run.completed"]).ToString();
        var patch = new WebhookPatch { Title = "CI", Secret = "patched-S3cret" }.ToString();

        Assert.DoesNotContain("S3cret", created);
        Assert.Contains("https://ci.example.com/hook", created);
        Assert.DoesNotContain("S3cret", patch);
        Assert.Contains("CI", patch);
    }
}
