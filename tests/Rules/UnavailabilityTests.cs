using System.Net.Sockets;
using Npgsql;
using Orleans.Runtime;
using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Hosting;

namespace Qase.Webhooks.Tests.Rules;

public sealed class UnavailabilityTests
{
    public static TheoryData<string, Exception> DependencyDown => new()
    {
        { "no connection to the database", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)) },
        { "the database shutting down", Postgres("57P01") },
        { "the database starting up", Postgres("57P03") },
        { "too many connections", Postgres("53300") },
        { "a connection broken", Postgres("08006") },
        { "no silo", new SiloUnavailableException("no gateway") },
        { "a call to a dead silo", new Orleans.Runtime.Messaging.ConnectionFailedException("connection lost") },
        { "a call that got no answer", new TimeoutException("response timed out") },
        { "a silo's own verdict", new ServiceUnavailableException("the database is down") },
        { "wrapped", new InvalidOperationException("storage failed", new NpgsqlException("Failed to connect", new SocketException())) },
        { "in an aggregate", new AggregateException(new ArgumentException("other"), new SiloUnavailableException("no gateway")) },
    };

    public static TheoryData<string, Exception> Faults => new()
    {
        { "a unique violation", Postgres("23505") },
        { "a syntax error", Postgres("42601") },
        { "a bug", new InvalidOperationException("bug") },
        { "a rejected request", RequestRejectedException.NotFound("Project X") },
    };

    [Theory]
    [MemberData(nameof(DependencyDown))]
    public void A_dependency_that_is_down_is_transient(string what, Exception exception) =>
        Assert.True(Unavailability.IsTransient(exception), what);

    [Theory]
    [MemberData(nameof(Faults))]
    public void A_fault_is_not(string what, Exception exception) =>
        Assert.False(Unavailability.IsTransient(exception), what);

    private static PostgresException Postgres(string sqlState) => new("message", "FATAL", "FATAL", sqlState);
}
