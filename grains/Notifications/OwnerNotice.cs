namespace Qase.Webhooks.Grains.Notifications;

/// <summary>
/// One email to a webhook's owner. <see cref="Id"/> is unique per disabling and doubles as the
/// <c>Message-ID</c>, so queuing it twice keeps one, and a mail client folds a repeat.
/// </summary>
public sealed record OwnerNotice(string Id, string To, string Subject, string TextBody, string HtmlBody, DateTimeOffset CreatedAt);
