using Microsoft.AspNetCore.Http.Features;
using Qase.Webhooks.Contracts.Events;

namespace Qase.Webhooks.Api;

/// <summary>Endpoint metadata: the largest request body the endpoint accepts. Larger bodies answer 413.</summary>
public sealed record BodyLimit(long Bytes)
{
    public const long Management = 64 * 1024;
    public const long Event = EventLimits.MaxEventBytes;
    public const long Batch = 16 * 1024 * 1024;

    /// <summary>Applies each endpoint's limit before its body is read; endpoints without one get <see cref="Management"/>.</summary>
    public static IApplicationBuilder UseBodyLimits(IApplicationBuilder app) => app.Use((context, next) =>
    {
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = Of(context);
        }
        return next(context);
    });

    public static string Describe(HttpContext context) => Of(context) switch
    {
        var b when b % (1024 * 1024) == 0 => $"{b / (1024 * 1024)} MiB",
        var b => $"{b / 1024} KiB",
    };

    private static long Of(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>()?.Bytes ?? Management;
}
