using Qase.Webhooks.Bench;
using Qase.Webhooks.Bench.Scenarios;

if (args is ["receiver", var port])
{
    await ReceiverHost.Run(int.Parse(port));
    return 0;
}

var options = BenchOptions.Parse(args);
Func<BenchOptions, Task>? scenario = options.Scenario switch
{
    "throughput" => Throughput.Run,
    "fanout" => Fanout.Run,
    "latency" => Latency.Run,
    "many" => Many.Run,
    "slow" => Slow.Run,
    "backlog" => Backlog.Run,
    "ratelimit" => RateLimit.Run,
    "ordered" => Ordered.Run,
    _ => null,
};
if (scenario is null)
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench -- throughput|fanout|latency|many|slow|backlog|ratelimit|ordered [--postgres] [options]; see bench/README.md");
    return 2;
}
await scenario(options);
return 0;
