using System.Text;

namespace Qase.Webhooks.Contracts.Webhooks;

/// <summary>
/// A partial update: a <c>null</c> field is left as it is. The secret and the notification address
/// are removed with <see cref="RemoveSecret"/> and <see cref="RemoveNotifyEmail"/>.
/// Fields set are checked as in <see cref="NewWebhook"/>, under the same names.
/// </summary>
[GenerateSerializer, Immutable, Alias("qase.WebhookPatch")]
public sealed record WebhookPatch
{
    /// <summary>A new title (<c>title</c>), 1 to 255 characters.</summary>
    [Id(0)] public string? Title { get; init; }

    /// <summary>A new endpoint URL (<c>url</c>); a different URL ends the failure streak.</summary>
    [Id(1)] public string? Url { get; init; }

    /// <summary>
    /// A new secret (<c>secret</c>), 1 to 255 printable ASCII characters; ignored when <see cref="RemoveSecret"/> is set.
    /// It replaces the secret at once and ends a rotation's overlap (<see cref="IWebhookGrain.RotateSecret"/> keeps the old one signing).
    /// </summary>
    [Id(2)] public string? Secret { get; init; }

    /// <summary><c>true</c> removes the secret (<c>"secret": null</c> on the REST API): deliveries go unsigned.</summary>
    [Id(3)] public bool RemoveSecret { get; init; }

    /// <summary>A new subscription list (<c>events</c>), replacing the old one whole.</summary>
    [Id(4)] public IReadOnlyList<string?>? Events { get; init; }

    /// <summary>
    /// <c>true</c> enables the webhook as <see cref="IWebhookGrain.Enable"/> does; <c>false</c> disables it as
    /// <see cref="IWebhookGrain.Disable"/> does.
    /// </summary>
    [Id(5)] public bool? Enabled { get; init; }

    /// <summary>A new address for disabling mails (<c>notify_email</c>); ignored when <see cref="RemoveNotifyEmail"/> is set.</summary>
    [Id(6)] public string? NotifyEmail { get; init; }

    /// <summary><c>true</c> removes the notification address: mails go to the workspace's owner email again.</summary>
    [Id(7)] public bool RemoveNotifyEmail { get; init; }

    /// <summary>
    /// A new scheme (<c>signature_scheme</c>): to <c>ed25519</c> makes a new key pair, back to <c>hmac</c> drops it;
    /// the scheme the webhook has already changes nothing.
    /// </summary>
    [Id(20)] public string? SignatureScheme { get; init; }

    /// <summary>A new rate limit (<c>rate_limit</c>), 1 to 10 000 attempts per second; ignored when <see cref="RemoveRateLimit"/> is set.</summary>
    [Id(30)] public int? RateLimit { get; init; }

    /// <summary><c>true</c> removes the rate limit (<c>"rate_limit": null</c> on the REST API).</summary>
    [Id(31)] public bool RemoveRateLimit { get; init; }

    /// <summary>Turns ordered delivery on or off (<c>ordered</c>); pending deliveries follow the new setting at once.</summary>
    [Id(32)] public bool? Ordered { get; init; }

    // A record prints its members; the secret must never reach a log line that prints this one.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Title = {Title}, Url = {Url}, Secret = {(Secret is null ? "null" : "[redacted]")}, RemoveSecret = {RemoveSecret}, ")
            .Append($"Events = {(Events is null ? "null" : $"[{string.Join(", ", Events)}]")}, Enabled = {Enabled}, ")
            .Append($"NotifyEmail = {NotifyEmail}, RemoveNotifyEmail = {RemoveNotifyEmail}, SignatureScheme = {SignatureScheme}, ")
            .Append($"RateLimit = {RateLimit}, RemoveRateLimit = {RemoveRateLimit}, Ordered = {Ordered}");
        return true;
    }
}
