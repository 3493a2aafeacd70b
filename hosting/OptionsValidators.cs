using Microsoft.Extensions.Options;
using Qase.Webhooks.Grains.Delivery;
using Qase.Webhooks.Grains.Health;
using Qase.Webhooks.Grains.Notifications;

namespace Qase.Webhooks.Hosting;

/// <summary>Start-up checks of the configuration; each message names the key to fix.</summary>
internal sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        var failures = new List<string>();
        Positive(failures, "Delivery:Timeout", options.Timeout);
        Positive(failures, "Delivery:Retention", options.Retention);
        Positive(failures, "Delivery:SweepInterval", options.SweepInterval);
        Positive(failures, "Delivery:PurgeInterval", options.PurgeInterval);
        for (var i = 0; i < options.RetrySchedule.Count; i++)
        {
            Positive(failures, $"Delivery:RetrySchedule:{i}", options.RetrySchedule[i]);
        }
        if (options.MaxConcurrencyPerWebhook is < 1 or > 1024)
        {
            failures.Add($"Delivery:MaxConcurrencyPerWebhook must be between 1 and 1024 (was {options.MaxConcurrencyPerWebhook}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static void Positive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key} must be greater than zero (was {value}).");
        }
    }
}

internal sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        var failures = new List<string>();
        DeliveryOptionsValidator.Positive(failures, "Health:FailureWindow", options.FailureWindow);
        DeliveryOptionsValidator.Positive(failures, "Health:CheckPeriod", options.CheckPeriod);
        if (options.MaxMailsPerDay is < 0 or > HealthOptions.MaxMailsPerDayLimit)
        {
            failures.Add($"Health:MaxMailsPerDay must be between 0 and {HealthOptions.MaxMailsPerDayLimit} (was {options.MaxMailsPerDay}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal sealed class ClusterOptionsValidator : IValidateOptions<QaseClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, QaseClusterOptions options)
    {
        var failures = new List<string>();
        if (!options.IsClient && !string.Equals(options.Mode, "cohosted", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Orleans:Mode must be 'cohosted' or 'client' (was '{options.Mode}').");
        }
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add("Orleans:ClusterId must not be empty.");
        }
        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add("Orleans:ServiceId must not be empty.");
        }
        if (options.AdvertisedIP is { } advertised && !System.Net.IPAddress.TryParse(advertised, out _))
        {
            failures.Add($"Orleans:AdvertisedIP must be an IP address (was '{advertised}').");
        }
        Port(failures, "Orleans:SiloPort", options.SiloPort);
        Port(failures, "Orleans:GatewayPort", options.GatewayPort);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Port(List<string> failures, string key, int value)
    {
        if (value is < 1 or > 65535)
        {
            failures.Add($"{key} must be a TCP port between 1 and 65535 (was {value}).");
        }
    }
}

internal sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var failures = new List<string>();
        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"Smtp:Port must be a TCP port between 1 and 65535 (was {options.Port}).");
        }
        if (!MimeKit.MailboxAddress.TryParse(options.From, out var from) || !from.Address.Contains('@'))
        {
            failures.Add($"Smtp:From must be an email address, optionally with a name (was '{options.From}').");
        }
        DeliveryOptionsValidator.Positive(failures, "Smtp:PollInterval", options.PollInterval);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
