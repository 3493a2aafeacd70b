namespace Qase.Webhooks.Contracts.Webhooks;

/// <summary>
/// Why a webhook is disabled (<c>disabled_reason</c>: <c>manual</c>, <c>timeout</c>, <c>failing</c> or <c>gone</c>);
/// every reason but <see cref="Manual"/> is automatic and mails the owner.
/// </summary>
public enum DisabledReason
{
    /// <summary>Someone disabled it, or created it disabled.</summary>
    Manual = 0,

    /// <summary>
    /// An attempt got no response within the delivery timeout (<c>Delivery:Timeout</c>, 15 s by default), and the service
    /// runs with <c>Health:DisableOnTimeout</c> (the default).
    /// </summary>
    Timeout = 1,

    /// <summary>
    /// No attempt succeeded within the failure window (<c>Health:FailureWindow</c>, 2 days by default) from the first
    /// failure of the streak.
    /// </summary>
    Failing = 2,

    /// <summary>The endpoint answered <c>410 Gone</c>.</summary>
    Gone = 3,
}
