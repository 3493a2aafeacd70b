using Qase.Webhooks.Grains.Validation;

namespace Qase.Webhooks.Grains.Notifications;

/// <summary>
/// One email to a webhook's owner. <see cref="Id"/> is unique per disabling and doubles as the
/// <c>Message-ID</c>, so queuing it twice keeps one, and a mail client folds a repeat. Its text carries
/// tenant text (title, URL) and a receiver's error, so it is made <see cref="StoredText"/> here, once.
/// </summary>
public sealed record OwnerNotice(string Id, string To, string Subject, string TextBody, string HtmlBody, DateTimeOffset CreatedAt)
{
    public string Subject { get; init; } = StoredText.Clean(Subject)!;

    public string TextBody { get; init; } = StoredText.Clean(TextBody)!;

    public string HtmlBody { get; init; } = StoredText.Clean(HtmlBody)!;
}
