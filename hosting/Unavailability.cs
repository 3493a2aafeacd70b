using Npgsql;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Qase.Webhooks.Contracts.Problems;

namespace Qase.Webhooks.Hosting;

/// <summary>
/// Which failures mean "a dependency is down, try again shortly" rather than a fault of the service: the
/// database unreachable or shutting down, no silo reachable, a call to a silo that died. One rule, used where
/// a grain call ends in a silo and where the api answers 503.
/// </summary>
public static class Unavailability
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        ServiceUnavailableException => true,
        SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException => true,
        // A grain call that got no answer in time: its silo died or is cut off.
        TimeoutException => true,
        PostgresException postgres => IsUnavailableState(postgres.SqlState) || postgres.IsTransient,
        // Not an answer of the server: the connection could not be made, or broke.
        NpgsqlException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsTransient),
        { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };

    // Connection exceptions (08), insufficient resources (53), operator intervention such as a shutdown (57P).
    private static bool IsUnavailableState(string? sqlState) =>
        sqlState is not null && (sqlState.StartsWith("08", StringComparison.Ordinal)
                                 || sqlState.StartsWith("53", StringComparison.Ordinal)
                                 || sqlState.StartsWith("57P", StringComparison.Ordinal));
}
