namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>
/// The built <c>api</c> started as a newcomer starts it: the embedded mode, no admin token configured, a
/// home folder of its own with nothing in it (a fresh machine), and one CPU (a busy machine). Ready once
/// the service answers and its start-up banner is printed.
/// One CPU while the runtime believes it has two: the machine is busy, and threads that the process starts
/// interleave as they do there (Orleans' watchdog lost its start-up race this way at every start).
/// </summary>
public sealed class FirstStartProcess : IAsyncLifetime
{
    private readonly string _home = Directory.CreateTempSubdirectory("qase-home-").FullName;

    public ServiceProcess Process { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Process = ServiceProcess.Start("api", "api", new Dictionary<string, string?>
        {
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
        }, new Dictionary<string, string?> { ["HOME"] = _home, ["DOTNET_PROCESSOR_COUNT"] = "2" });
        Process.PinToOneCpu();
        await Process.WaitUntilReady(TimeSpan.FromSeconds(60));
        await Process.WaitForOutput("Delivery:AllowPrivateNetworks", TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        if (Process is not null)
        {
            await Process.DisposeAsync();
        }
        Directory.Delete(_home, recursive: true);
    }
}
