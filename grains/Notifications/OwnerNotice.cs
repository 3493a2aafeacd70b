using Qase.Webhooks.Grains.Validation;

namespace Qase.Webhooks.Grains.Notifications;

/// <summary>
/// One email to a webhook's owner. <see cref="Id"/> is unique per disabling and doubles as the
/// <c>Message-ID</c>, so queuing it twice keeps one, and a mail client folds a repeat. Its text carries
/// tenant text (title, URL) and a receiver's error, so it is made <see cref="StoredText"/> here, once.
/// </summary>
public sealed record OwnerNotice(string Id, string To, string Subject, string TextBody, string HtmlBody, DateTimeOffset CreatedAt)
{
    private readonly string _subject = StoredText.Clean(Subject)!;
    private readonly string _textBody = StoredText.Clean(TextBody)!;
    private readonly string _htmlBody = StoredText.Clean(HtmlBody)!;

    public string Subject { get => _subject; init => _subject = StoredText.Clean(value)!; }

    public string TextBody { get => _textBody; init => _textBody = StoredText.Clean(value)!; }

    public string HtmlBody { get => _htmlBody; init => _htmlBody = StoredText.Clean(value)!; }
}
