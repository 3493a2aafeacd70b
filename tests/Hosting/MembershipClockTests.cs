using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Qase.Webhooks.Hosting;

namespace Qase.Webhooks.Tests.Hosting;

/// <summary>The clock of the silo's membership and watchdog loops.</summary>
public sealed class MembershipClockTests
{
    [Fact]
    public void A_timestamp_never_set_reads_as_just_now_not_as_the_time_since_the_machine_booted()
    {
        var clock = new MembershipClock();
        clock.GetTimestamp();

        // Orleans' watchdog can read its last-check stamp before it is first set, that is as 0.
        Assert.InRange(clock.GetElapsedTime(0), TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Measures_real_time()
    {
        var clock = new MembershipClock();
        var start = clock.GetTimestamp();
        var real = Stopwatch.GetTimestamp(); // read after the clock: the clock's elapsed time is at least the real one
        SpinWait.SpinUntil(() => Stopwatch.GetElapsedTime(real) >= TimeSpan.FromMilliseconds(30));

        Assert.InRange(clock.GetElapsedTime(start), TimeSpan.FromMilliseconds(30), TimeSpan.FromSeconds(5));
        Assert.InRange(clock.GetUtcNow(), DateTimeOffset.UtcNow.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public void A_silo_of_the_service_runs_membership_and_its_watchdog_on_it()
    {
        var builder = Host.CreateApplicationBuilder([]);
        builder.AddQaseCluster();
        using var host = builder.Build();

        Assert.IsType<MembershipClock>(host.Services.GetRequiredKeyedService<TimeProvider>(TimeProviderNames.Membership));
    }
}
