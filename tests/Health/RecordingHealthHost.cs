using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Grains.Health;
using Qase.Webhooks.Grains.Webhooks;

namespace Qase.Webhooks.Tests.Health;

/// <summary>
/// A webhook grain as the health keeper sees it, writing down each step it is asked for, in order, with what the
/// state said at each write: the order of writes is what keeps a disabling and its mail from being lost.
/// </summary>
public sealed class RecordingHealthHost(WebhookState? current) : IHealthHost
{
    private readonly List<string> _steps = [];

    public WebhookState? Current { get; set; } = current;

    public IReadOnlyList<string> Steps => _steps;

    public Task Save() => Step($"save {Describe()}");

    public Task SaveAndRoute() => Step($"save and route {Describe()}");

    public Task Watch() => Step("watch");

    public Task StopWatching() => Step("stop watching");

    public Task Retire() => Step("retire");

    public Webhook View() => new(
        "wh_1", "PRJ", Current!.Title, Current.Url, Current.Events, Current.Enabled, false, Current.DisabledReason, Current.DisabledAt,
        Current.FailingSince, Current.LastSuccessAt, Current.LastFailureAt, Current.LastError, Current.NotifyEmail, Current.CreatedAt,
        Current.UpdatedAt, SignatureScheme.Hmac, null, null, null, false);

    private string Describe() => Current is { } data
        ? $"{(data.Enabled ? "enabled" : $"disabled:{data.DisabledReason}")} failing:{data.FailingSince?.ToString("HH:mm") ?? "-"} notice:{data.NoticePending}"
        : "gone";

    private Task Step(string step)
    {
        _steps.Add(step);
        return Task.CompletedTask;
    }
}
