using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Qase.Webhooks.Bench;

/// <summary>
/// The cheapest endpoint Kestrel makes on loopback: reads the body, counts the request by path and
/// answers 200 with nothing, so the figures measure the sender, not the receiver.
/// </summary>
public sealed class CountingReceiver : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, PathCounter> _paths = new(StringComparer.Ordinal);
    private WebApplication _app = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<CountingReceiver> Start()
    {
        var receiver = new CountingReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        receiver._app = builder.Build();
        receiver._app.Run(receiver.Handle);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    public Uri Url(string path) => new(BaseAddress, path);

    public PathCounter Counter(string path) => _paths.GetOrAdd(path, _ => new PathCounter());

    private async Task Handle(HttpContext context)
    {
        await context.Request.Body.CopyToAsync(Stream.Null);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentLength = 0;
        Counter(context.Request.Path.Value ?? "/").Add();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
