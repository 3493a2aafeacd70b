using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Grains.Webhooks;

namespace Qase.Webhooks.Tests.Rules;

public sealed class WebhookViewTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_view_says_a_secret_is_set_without_showing_it()
    {
        var view = WebhookView.Of(new WebhookState { Title = "CI", Secret = "s3cret-s3cret", Events = ["run.completed"] }, "wh_1", "PRJ", null, Now);

        Assert.True(view.HasSecret);
        Assert.DoesNotContain("s3cret", view.ToString(), StringComparison.Ordinal);
        Assert.Equal(("wh_1", "PRJ", true), (view.Id, view.ProjectCode, view.Enabled));
    }

    [Fact]
    public void A_rotation_overlap_is_shown_while_it_lasts_only()
    {
        var data = new WebhookState { RotationEndsAt = Now.AddHours(1), DisabledReason = DisabledReason.Gone };

        Assert.Equal(Now.AddHours(1), WebhookView.Of(data, "wh_1", "PRJ", null, Now).SecretRotationEndsAt);
        Assert.Null(WebhookView.Of(data, "wh_1", "PRJ", null, Now.AddHours(1)).SecretRotationEndsAt);
        Assert.False(WebhookView.Of(data, "wh_1", "PRJ", null, Now).Enabled);
    }
}
