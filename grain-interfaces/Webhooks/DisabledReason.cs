namespace Qase.Webhooks.Contracts.Webhooks;

/// <summary>Why a webhook is disabled; every reason but <see cref="Manual"/> is automatic and mails the owner.</summary>
public enum DisabledReason
{
    /// <summary>Someone disabled it, or created it disabled.</summary>
    Manual = 0,

    /// <summary>An attempt got no response within the delivery timeout.</summary>
    Timeout = 1,

    /// <summary>No attempt succeeded within the failure window.</summary>
    Failing = 2,

    /// <summary>The endpoint answered <c>410 Gone</c>.</summary>
    Gone = 3,
}
