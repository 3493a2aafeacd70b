using Qase.Webhooks.Contracts.Webhooks;

namespace Qase.Webhooks.Tests.Rules;

/// <summary>Records print their members; the rotation's records must not print a secret into a log line.</summary>
public sealed class SecretRotationTextTests
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
}
