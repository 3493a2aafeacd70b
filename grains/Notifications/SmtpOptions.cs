using System.Net.Security;

namespace Qase.Webhooks.Grains.Notifications;

/// <summary>The <c>Smtp:*</c> configuration keys: where the owners' emails go. Without a host, mails are logged instead.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string From { get; set; } = "Qase webhooks <webhooks@qase.io>";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>TLS: implicit on port 465, STARTTLS on any other port. Off: plain SMTP (a local relay).</summary>
    public bool UseTls { get; set; } = true;

    /// <summary>How often queued mails are looked at (and the first retry's wait after the server failed).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How the relay's certificate is checked; <c>null</c> (the default) checks it against the system's CAs. Set in
    /// code only, never from configuration: for a relay whose certificate a private CA issued.
    /// </summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
