using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Grains.Webhooks;

namespace Qase.Webhooks.Tests.Rules;

public sealed class WebhookSettingsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_names_every_bad_field_at_once_and_leaves_the_state_alone()
    {
        var data = new WebhookState();
        var rejected = Assert.Throws<RequestRejectedException>(() => WebhookSettings.Create(data,
            new NewWebhook("", "ftp://example.com", null, [], SignatureScheme: "rsa", RateLimit: 0), false, Now));

        Assert.Equal(["events", "rate_limit", "signature_scheme", "title", "url"], rejected.Errors!.Keys.Order());
        Assert.Equal("", data.Url);
        Assert.Equal(default, data.CreatedAt);
    }

    [Fact]
    public void Create_fills_the_state_and_a_webhook_created_disabled_is_disabled_by_hand()
    {
        var data = new WebhookState();
        WebhookSettings.Create(data, new NewWebhook("CI", "https://ci.example.com/hook", "s3cret-s3cret",
            ["run.completed", "run.completed", "case.created"], Enabled: false, RateLimit: 5, Ordered: true), false, Now);

        Assert.Equal(["run.completed", "case.created"], data.Events);
        Assert.Equal((5, true), (data.RateLimit, data.Ordered));
        Assert.Equal((Now, Now), (data.CreatedAt, data.UpdatedAt));
        Assert.Equal((DisabledReason.Manual, Now), (data.DisabledReason, data.DisabledAt));
        Assert.Equal(SignatureScheme.Hmac, data.SignatureScheme);
        Assert.Null(data.SigningKey);
    }

    [Fact]
    public void An_ed25519_webhook_gets_a_key_and_keeps_it_until_it_switches_away()
    {
        var data = Created(SignatureScheme: "ed25519");
        var key = data.SigningKey;
        Assert.Equal(32, key!.Length);

        WebhookSettings.Update(data, new WebhookPatch { SignatureScheme = "ed25519" }, false, Now);
        Assert.Same(key, data.SigningKey);

        WebhookSettings.Update(data, new WebhookPatch { SignatureScheme = "hmac" }, false, Now);
        Assert.Equal(SignatureScheme.Hmac, data.SignatureScheme);
        Assert.Null(data.SigningKey);
    }

    [Fact]
    public void A_new_url_clears_the_failure_streak_and_the_same_url_keeps_it()
    {
        var data = Created();
        data.FailingSince = Now;

        WebhookSettings.Update(data, new WebhookPatch { Url = data.Url }, false, Now);
        Assert.Equal(Now, data.FailingSince);

        WebhookSettings.Update(data, new WebhookPatch { Url = "https://other.example.com/hook" }, false, Now.AddMinutes(1));
        Assert.Null(data.FailingSince);
        Assert.Equal(Now.AddMinutes(1), data.UpdatedAt);
    }

    [Fact]
    public void An_update_changes_only_what_it_names_and_removals_clear()
    {
        var data = Created(NotifyEmail: "ops@example.com", RateLimit: 7);

        WebhookSettings.Update(data, new WebhookPatch { Title = "Renamed", RemoveNotifyEmail = true, RemoveRateLimit = true, RateLimit = 0 }, false, Now);

        Assert.Equal("Renamed", data.Title);
        Assert.Equal(["run.completed"], data.Events);
        Assert.Null(data.NotifyEmail);
        Assert.Null(data.RateLimit);
    }

    [Fact]
    public void An_update_with_enabled_disables_by_hand_and_enables_with_a_clean_record()
    {
        var data = Created();
        data.FailingSince = Now;

        WebhookSettings.Update(data, new WebhookPatch { Enabled = false }, false, Now.AddMinutes(1));
        Assert.Equal((DisabledReason.Manual, Now.AddMinutes(1)), (data.DisabledReason, data.DisabledAt));

        WebhookSettings.Update(data, new WebhookPatch { Title = "Renamed" }, false, Now.AddMinutes(2));
        Assert.False(data.Enabled); // a patch without enabled leaves it as it is

        WebhookSettings.Update(data, new WebhookPatch { Enabled = true }, false, Now.AddMinutes(3));
        Assert.True(data.Enabled);
        Assert.Equal(((DateTimeOffset?)null, (DateTimeOffset?)null), (data.DisabledAt, data.FailingSince));
        Assert.Equal(Now.AddMinutes(3), data.UpdatedAt);
    }

    [Fact]
    public void A_rejected_update_changes_nothing()
    {
        var data = Created();
        Assert.Throws<RequestRejectedException>(() =>
            WebhookSettings.Update(data, new WebhookPatch { Title = "Renamed", Url = "not a url" }, false, Now.AddHours(1)));

        Assert.Equal("CI", data.Title);
        Assert.Equal(Now, data.UpdatedAt);
    }

    [Fact]
    public void A_rotation_keeps_the_old_secret_signing_until_the_overlap_ends()
    {
        var data = Created(Secret: "first-secret-1234");

        var generated = WebhookSettings.Rotate(data, new SecretRotation(null, TimeSpan.FromHours(2)), Now);

        Assert.StartsWith("whsec_", generated);
        Assert.Equal(generated, data.Secret);
        Assert.Equal("first-secret-1234", data.PreviousSecret);
        Assert.Equal(Now.AddHours(2), data.RotationEndsAt);

        // Any later change after the overlap forgets what no longer signs.
        WebhookSettings.Update(data, new WebhookPatch { Title = "Later" }, false, Now.AddHours(3));
        Assert.Null(data.PreviousSecret);
        Assert.Null(data.RotationEndsAt);
    }

    [Fact]
    public void A_rotation_without_overlap_or_a_secret_set_by_hand_replaces_the_old_one_at_once()
    {
        var data = Created(Secret: "first-secret-1234");
        Assert.Null(WebhookSettings.Rotate(data, new SecretRotation("second-secret-1234", TimeSpan.Zero), Now));
        Assert.Equal(("second-secret-1234", (string?)null, (DateTimeOffset?)null), (data.Secret, data.PreviousSecret, data.RotationEndsAt));

        WebhookSettings.Rotate(data, new SecretRotation("third-secret-1234"), Now);
        WebhookSettings.Update(data, new WebhookPatch { Secret = "fourth-secret-1234" }, false, Now);
        Assert.Equal(("fourth-secret-1234", (string?)null, (DateTimeOffset?)null), (data.Secret, data.PreviousSecret, data.RotationEndsAt));
    }

    [Fact]
    public void An_ed25519_rotation_makes_a_new_key_and_keeps_the_old_one_for_the_overlap()
    {
        var data = Created(SignatureScheme: "ed25519");
        var old = data.SigningKey;

        WebhookSettings.Rotate(data, new SecretRotation(null), Now);

        Assert.Same(old, data.PreviousSigningKey);
        Assert.NotEqual(old, data.SigningKey);
        Assert.Equal(Now + SecretRotation.DefaultOverlap, data.RotationEndsAt);
    }

    [Fact]
    public void A_rotation_names_a_bad_secret_and_overlap()
    {
        var data = Created();
        var rejected = Assert.Throws<RequestRejectedException>(() =>
            WebhookSettings.Rotate(data, new SecretRotation("", SecretRotation.MaxOverlap + TimeSpan.FromSeconds(1)), Now));
        Assert.Equal(["overlap", "secret"], rejected.Errors!.Keys.Order());
    }

    private static WebhookState Created(string? Secret = null, string? NotifyEmail = null, string? SignatureScheme = null, int? RateLimit = null)
    {
        var data = new WebhookState();
        WebhookSettings.Create(data, new NewWebhook("CI", "https://ci.example.com/hook", Secret, ["run.completed"],
            NotifyEmail: NotifyEmail, SignatureScheme: SignatureScheme, RateLimit: RateLimit), false, Now);
        return data;
    }
}
