using System.Text.Json.Serialization;
using Qase.Webhooks.Contracts.Webhooks;

namespace Qase.Webhooks.Api.Webhooks;

/// <summary>
/// The body of a webhook PATCH. Fields left out stay as they are; <c>"secret": null</c> and
/// <c>"notify_email": null</c> (and <c>"rate_limit": null</c>) remove the value, so the setters note which fields were sent.
/// </summary>
public sealed class WebhookPatchRequest
{
    private string? _secret;
    private string? _notifyEmail;
    private int? _rateLimit;

    public string? Title { get; set; }

    public string? Url { get; set; }

    public string? Secret
    {
        get => _secret;
        set { _secret = value; SecretSent = true; }
    }

    public IReadOnlyList<string?>? Events { get; set; }

    public bool? Enabled { get; set; }

    public string? NotifyEmail
    {
        get => _notifyEmail;
        set { _notifyEmail = value; NotifyEmailSent = true; }
    }

    public string? SignatureScheme { get; set; }

    public int? RateLimit
    {
        get => _rateLimit;
        set { _rateLimit = value; RateLimitSent = true; }
    }

    public bool? Ordered { get; set; }

    [JsonIgnore]
    public bool RateLimitSent { get; private set; }

    [JsonIgnore]
    public bool SecretSent { get; private set; }

    [JsonIgnore]
    public bool NotifyEmailSent { get; private set; }

    public WebhookPatch ToPatch() => new()
    {
        Title = Title,
        Url = Url,
        Secret = Secret,
        RemoveSecret = SecretSent && Secret is null,
        Events = Events,
        Enabled = Enabled,
        NotifyEmail = NotifyEmail,
        RemoveNotifyEmail = NotifyEmailSent && NotifyEmail is null,
        SignatureScheme = SignatureScheme,
        RateLimit = RateLimit,
        RemoveRateLimit = RateLimitSent && RateLimit is null,
        Ordered = Ordered,
    };
}
