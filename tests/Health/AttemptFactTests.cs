using Qase.Webhooks.Grains.Delivery;
using Qase.Webhooks.Grains.Health;

namespace Qase.Webhooks.Tests.Health;

/// <summary>What a send tells the health rules: its time, its status, whether it timed out, and its stored error.</summary>
public sealed class AttemptFactTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static SendResult Sent(int? status, string? error = null, bool timedOut = false) =>
        new(At, status, 12, error, "body", timedOut, TimeSpan.FromSeconds(3), "https://example.com/hook");

    [Theory]
    [InlineData(200, true)]
    [InlineData(299, true)]
    [InlineData(300, false)]
    [InlineData(199, false)]
    [InlineData(410, false)]
    public void Only_a_2xx_status_is_a_success(int status, bool succeeded)
    {
        var fact = Sent(status).ToFact();

        Assert.Equal(succeeded, fact.Succeeded);
        Assert.Equal(status, fact.Status);
        Assert.Equal(At, fact.At);
    }

    [Fact]
    public void A_timeout_has_no_status_and_keeps_its_error()
    {
        var fact = Sent(null, "no answer within 15 s", timedOut: true).ToFact();

        Assert.Equal(new AttemptFact(At, Succeeded: false, TimedOut: true, Status: null, Error: "no answer within 15 s"), fact);
    }

    [Fact]
    public void The_error_is_the_stored_one_cut_to_its_limit()
    {
        var fact = Sent(500, new string('x', SendResult.MaxErrorLength * 2)).ToFact();

        Assert.Equal(SendResult.MaxErrorLength, fact.Error!.Length);
        Assert.StartsWith("xxx", fact.Error);
    }
}
