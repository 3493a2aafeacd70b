using Orleans.Runtime;
using Qase.Webhooks.Contracts.Problems;

namespace Qase.Webhooks.Hosting;

/// <summary>
/// Turns a failure of the database inside a grain call into <see cref="ServiceUnavailableException"/>, which
/// every caller (the api in client mode, other clusters) can tell apart from a fault, whether or not it can
/// load the database driver's exception types.
/// </summary>
public sealed class UnavailableDependencyFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (ex is not ServiceUnavailableException && Unavailability.IsTransient(ex))
        {
            throw new ServiceUnavailableException($"A dependency of the service is not available: {ex.Message}");
        }
    }
}
