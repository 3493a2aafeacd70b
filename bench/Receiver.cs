using System.Net.Http.Json;

namespace Qase.Webhooks.Bench;

/// <summary>The receiver process (this program with <c>receiver</c>), and how the load generator reads its counts.</summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly HttpClient _control;

    private Receiver(ChildProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _control = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public static async Task<Receiver> Start()
    {
        var port = FreePort.Next();
        var process = ChildProcess.Start("receiver", "dotnet", [typeof(Receiver).Assembly.Location, "receiver", port.ToString()],
            new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" });
        var receiver = new Receiver(process, new Uri($"http://127.0.0.1:{port}"));
        for (var i = 0; ; i++)
        {
            try
            {
                await receiver.Stats("warmup");
                return receiver;
            }
            catch (HttpRequestException) when (i < 100)
            {
                await Task.Delay(100);
            }
        }
    }

    public string Url(string kind, string tag, string rest = "hook") => new Uri(BaseAddress, $"/{kind}/{tag}/{rest}").ToString();

    public async Task<StatsView> Stats(string tag) => (await _control.GetFromJsonAsync<StatsView>($"/_stats/{tag}"))!;

    public async Task Reset(string tag) => (await _control.PostAsync($"/_reset/{tag}", null)).EnsureSuccessStatusCode();

    /// <summary>Polls until <paramref name="tag"/> has <paramref name="count"/> requests; answers the stats then.</summary>
    public async Task<StatsView> WaitFor(string tag, long count, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var stats = await Stats(tag);
            if (stats.Count >= count)
            {
                return stats;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{tag}: {stats.Count} of {count} requests within {within}");
            }
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        await _process.DisposeAsync();
    }
}
