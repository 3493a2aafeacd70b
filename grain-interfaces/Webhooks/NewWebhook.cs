using System.Text;

namespace Qase.Webhooks.Contracts.Webhooks;

/// <summary>What a caller sends to create a webhook; the grain validates every field.</summary>
/// <param name="Title">Required (<c>title</c>): 1 to 255 characters, not blank.</param>
/// <param name="Url">
/// Required (<c>url</c>): an absolute <c>http</c> or <c>https</c> URL of at most 2048 characters, with no user name or
/// password; a host that is a literal loopback, private, link-local, multicast or unspecified address is refused unless
/// the service runs with <c>Delivery:AllowPrivateNetworks</c>.
/// </param>
/// <param name="Secret">
/// Optional (<c>secret</c>): 1 to 255 printable ASCII characters. It is sent as <c>X-Qase-Secret</c> and keys the
/// <c>webhook-signature</c> (a <c>whsec_</c> secret by its base64-decoded rest); it is never answered back.
/// </param>
/// <param name="Events">
/// Required (<c>events</c>): at least one event type name from <see cref="Catalog.EventCatalog"/>; an unknown one is
/// named as <c>events[i]</c>, and repeats are dropped.
/// </param>
/// <param name="Enabled"><c>false</c> creates the webhook disabled (<see cref="DisabledReason.Manual"/>); absent, enabled.</param>
/// <param name="NotifyEmail">
/// Optional (<c>notify_email</c>): where automatic disabling mails go; absent, to the workspace's owner email.
/// </param>
/// <param name="SignatureScheme">
/// Optional (<c>signature_scheme</c>): <c>hmac</c> (the default) or <c>ed25519</c>, which makes the webhook an Ed25519 key
/// pair and adds a <c>v1a</c> signature to every delivery.
/// </param>
/// <param name="RateLimit">
/// Optional (<c>rate_limit</c>): at most this many attempts per second, 1 to 10 000, across the cluster; absent or
/// <c>null</c>, no limit. A backlog waits rather than failing.
/// </param>
/// <param name="Ordered">
/// Optional (<c>ordered</c>): <c>true</c> sends one delivery at a time, in the order the project accepted the events;
/// a failing delivery holds the ones after it. Absent, <c>false</c>.
/// </param>
[GenerateSerializer, Immutable, Alias("qase.NewWebhook")]
public sealed record NewWebhook(
    [property: Id(0)] string? Title,
    [property: Id(1)] string? Url,
    [property: Id(2)] string? Secret,
    [property: Id(3)] IReadOnlyList<string?>? Events,
    [property: Id(4)] bool? Enabled = null,
    [property: Id(5)] string? NotifyEmail = null,
    [property: Id(20)] string? SignatureScheme = null,
    [property: Id(30)] int? RateLimit = null,
    [property: Id(31)] bool? Ordered = null)
{
    // A record prints its members; the secret must never reach a log line that prints this one.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Title = {Title}, Url = {Url}, Secret = {(Secret is null ? "null" : "[redacted]")}, ")
            .Append($"Events = [{string.Join(", ", Events ?? [])}], Enabled = {Enabled}, NotifyEmail = {NotifyEmail}, ")
            .Append($"SignatureScheme = {SignatureScheme}, RateLimit = {RateLimit}, Ordered = {Ordered}");
        return true;
    }
}
