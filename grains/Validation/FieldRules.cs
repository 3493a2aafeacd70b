using System.Net;
using System.Net.Mail;
using Qase.Webhooks.Contracts.Catalog;
using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Grains.Delivery;

namespace Qase.Webhooks.Grains.Validation;

/// <summary>
/// The checks on what callers send, with messages keyed by the request field as named on the wire.
/// They run in the grains, so REST and Orleans callers get the same answers.
/// </summary>
public static class FieldRules
{
    public const int MaxTitleLength = 255;
    public const int MaxUrlLength = 2048;
    public const int MaxSecretLength = 255;
    public const int MinRateLimit = 1;
    public const int MaxRateLimit = 10_000;

    /// <summary>
    /// Checks a webhook's fields as sent; <paramref name="partial"/> (an update) checks only the fields present.
    /// Answers the subscribed event types without repeats, or <c>null</c> when an update leaves them as they are.
    /// </summary>
    public static IReadOnlyList<string>? Webhook(ValidationErrors errors, string? title, string? url, string? secret,
        IReadOnlyList<string?>? events, string? notifyEmail, bool allowPrivateNetworks, bool partial)
    {
        if (!partial || title is not null)
        {
            Title(errors, "title", title);
        }
        if (!partial || url is not null)
        {
            Url(errors, "url", url, allowPrivateNetworks);
        }
        if (secret is not null)
        {
            Secret(errors, "secret", secret);
        }
        Email(errors, "notify_email", notifyEmail, required: false);
        return !partial || events is not null ? Events(errors, "events", events) : null;
    }

    public static void Title(ValidationErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "is required and must not be blank.");
        }
        else if (value.Length > MaxTitleLength)
        {
            errors.Add(field, $"must be at most {MaxTitleLength} characters long.");
        }
    }

    public static void Email(ValidationErrors errors, string field, string? value, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(field, "is required.");
            }
        }
        else if (!IsEmail(value))
        {
            errors.Add(field, "must be a valid email address.");
        }
    }

    public static void Url(ValidationErrors errors, string field, string? value, bool allowPrivateNetworks)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "is required.");
            return;
        }
        if (value.Length > MaxUrlLength)
        {
            errors.Add(field, $"must be at most {MaxUrlLength} characters long.");
            return;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(field, "must be an absolute http or https URL.");
            return;
        }
        if (uri.UserInfo.Length > 0)
        {
            errors.Add(field, "must not contain a user name or password.");
        }
        if (!allowPrivateNetworks && IPAddress.TryParse(uri.IdnHost, out var address) && NetworkAddressPolicy.IsRefused(address))
        {
            errors.Add(field, NetworkAddressPolicy.Refusal(uri.Host));
        }
    }

    public static void Secret(ValidationErrors errors, string field, string value)
    {
        if (value.Length is 0 or > MaxSecretLength)
        {
            errors.Add(field, $"must be 1 to {MaxSecretLength} characters long.");
        }
        else if (value.Any(c => c is < ' ' or > '~'))
        {
            errors.Add(field, "must contain printable ASCII characters only: it travels in an HTTP header.");
        }
    }

    /// <summary>Reads a signature scheme as named on the wire (<c>hmac</c>, <c>ed25519</c>); <c>null</c> when absent or bad.</summary>
    public static SignatureScheme? Scheme(ValidationErrors errors, string field, string? value)
    {
        switch (value)
        {
            case null:
                return null;
            case "hmac":
                return SignatureScheme.Hmac;
            case "ed25519":
                return SignatureScheme.Ed25519;
            default:
                errors.Add(field, "must be \"hmac\" or \"ed25519\".");
                return null;
        }
    }

    /// <summary>Checks a rotation's overlap: zero up to <see cref="SecretRotation.MaxOverlap"/>.</summary>
    public static void Overlap(ValidationErrors errors, string field, TimeSpan value)
    {
        if (value < TimeSpan.Zero || value > SecretRotation.MaxOverlap)
        {
            errors.Add(field, OverlapRule);
        }
    }

    public static readonly string OverlapRule =
        $"must be an ISO 8601 duration (\"PT12H\") or hh:mm:ss, from zero to {SecretRotation.MaxOverlap.TotalDays:0} days.";

    public static void RateLimit(ValidationErrors errors, string field, int? value)
    {
        if (value is < MinRateLimit or > MaxRateLimit)
        {
            errors.Add(field, $"must be {MinRateLimit} to {MaxRateLimit} attempts per second, or null for no limit.");
        }
    }

    /// <summary>Checks the subscription list and returns its known names, in order, without repeats.</summary>
    public static IReadOnlyList<string> Events(ValidationErrors errors, string field, IReadOnlyList<string?>? values)
    {
        if (values is null || values.Count == 0)
        {
            errors.Add(field, "must list at least one event type.");
            return [];
        }
        var known = new List<string>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var name = values[i];
            if (EventName(errors, $"{field}[{i}]", name) && !known.Contains(name!))
            {
                known.Add(name!);
            }
        }
        return known;
    }

    /// <summary>Checks one event type name; answers whether it is a known one.</summary>
    public static bool EventName(ValidationErrors errors, string field, string? name)
    {
        if (name is null)
        {
            errors.Add(field, "is required.");
            return false;
        }
        if (!EventCatalog.IsKnown(name))
        {
            errors.Add(field, UnknownEventType(name));
            return false;
        }
        return true;
    }

    /// <summary>The message for a name that is no event type's, e.g. <c>'run.finished' is not a known event type.</c></summary>
    public static string UnknownEventType(string name) => $"'{name}' is not a known event type.";

    private static bool IsEmail(string value) =>
        value.Length <= 254
        && MailAddress.TryCreate(value, out var address)
        && address.Address == value
        && string.IsNullOrEmpty(address.DisplayName)
        && address.Host.Contains('.');
}
