using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Grains.Webhooks;

namespace Qase.Webhooks.Tests.Rules;

/// <summary>A webhook is enabled, or disabled for a reason since a time: the two transitions of its state.</summary>
public sealed class WebhookStateTransitionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(DisabledReason.Manual)]
    [InlineData(DisabledReason.Timeout)]
    [InlineData(DisabledReason.Gone)]
    [InlineData(DisabledReason.Failing)]
    public void Disabling_records_the_reason_and_the_time_and_keeps_the_streak(DisabledReason reason)
    {
        var data = new WebhookState { FailingSince = Now.AddDays(-2), UpdatedAt = Now.AddDays(-3) };

        data.MarkDisabled(reason, Now);

        Assert.False(data.Enabled);
        Assert.Equal((reason, Now, Now), (data.DisabledReason, data.DisabledAt, data.UpdatedAt));
        Assert.Equal(Now.AddDays(-2), data.FailingSince); // the owner's view still says since when it failed
    }

    [Fact]
    public void Enabling_again_starts_with_a_clean_record()
    {
        var data = new WebhookState { FailingSince = Now.AddDays(-2), LastError = "HTTP 500", LastFailureAt = Now.AddHours(-1) };
        data.MarkDisabled(DisabledReason.Failing, Now.AddHours(-1));

        data.MarkEnabled(Now);

        Assert.True(data.Enabled);
        Assert.Equal((null, null, null), (data.DisabledReason, data.DisabledAt, data.FailingSince));
        Assert.Equal(Now, data.UpdatedAt);
        Assert.Equal(("HTTP 500", Now.AddHours(-1)), (data.LastError, data.LastFailureAt)); // the log of what happened stays
    }
}
