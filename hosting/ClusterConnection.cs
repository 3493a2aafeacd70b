using Orleans.Runtime;

namespace Qase.Webhooks.Hosting;

/// <summary>
/// Whether this process has reached the cluster. A silo, and an api co-hosting one, is part of it before it
/// serves HTTP; an api in client mode serves HTTP at once and connects in the background, so until its first
/// connection every call that needs the cluster answers 503 instead of waiting or failing.
/// </summary>
public sealed class ClusterConnection : ILifecycleParticipant<IClusterClientLifecycle>
{
    private volatile bool _connected;

    private ClusterConnection(bool connected) => _connected = connected;

    public bool IsConnected => _connected;

    /// <summary>For a process hosting a silo: connected from the start.</summary>
    public static ClusterConnection Hosted() => new(connected: true);

    /// <summary>For a client: connected once the client's start (which retries forever) is through.</summary>
    public static ClusterConnection Client() => new(connected: false);

    public void Participate(IClusterClientLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ClusterConnection), ServiceLifecycleStage.Active, _ =>
        {
            _connected = true;
            return Task.CompletedTask;
        });
}
