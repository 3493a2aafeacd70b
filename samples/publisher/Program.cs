// Publishes events to the webhook service as another Orleans cluster would: through the grains, not REST.
//   dotnet run --project samples/publisher -- --Webhook:Url=http://127.0.0.1:5050/hook
// against `dotnet run --project api` (embedded: its gateway on localhost), or with
// --ConnectionStrings:Postgres=... to find the cluster in PostgreSQL.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Qase.Webhooks.Contracts.Delivery;
using Qase.Webhooks.Contracts.Events;
using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Routing;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Contracts.Workspaces;

var builder = Host.CreateApplicationBuilder(args);
var config = builder.Configuration;
builder.Logging.AddFilter("Orleans", LogLevel.Warning);
builder.UseOrleansClient(client =>
{
    var (clusterId, serviceId) = (config["Orleans:ClusterId"] ?? "qase", config["Orleans:ServiceId"] ?? "qase-webhooks");
    if (config.GetConnectionString("Postgres") is { Length: > 0 } postgres)
    {
        client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
        client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", postgres));
    }
    else
    {
        client.UseLocalhostClustering(config.GetValue("Orleans:GatewayPort", 30000), serviceId, clusterId);
    }
});
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IClusterClient>();

// A workspace of its own (its first token is for REST; grain callers need none), a project and a webhook.
var workspaceId = ResourceId.New("ws");
await grains.GetGrain<IWorkspaceGrain>(workspaceId).Create(new NewWorkspace("Publisher sample", WorkspacePlan.Startup, "owner@example.com"));
var project = await grains.GetGrain<IWorkspaceGrain>(workspaceId).CreateProject(new NewProject("PUB", "Publisher sample"));
var webhook = await grains.GetGrain<IWebhookGrain>(GrainKeys.Webhook(workspaceId, project.Code, ResourceId.New("wh")))
    .Create(new NewWebhook("Sample receiver", config["Webhook:Url"] ?? "http://127.0.0.1:5050/hook",
        config["Webhook:Secret"] ?? "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", ["run.completed", "defect.resolved"]));
Console.WriteLine($"Webhook {webhook.Id} of {workspaceId}/{project.Code} -> {webhook.Url}");

var router = grains.GetGrain<IProjectEventRouterGrain>(GrainKeys.Project(workspaceId, project.Code));
var published = await router.Publish(
[
    new EventSubmission("run.completed", """{"id":2,"cases":14,"passed":14,"failed":0,"blocked":0,"duration":0}"""u8.ToArray(), TeamMemberId: 40),
    new EventSubmission("defect.resolved", """{"id":7}"""u8.ToArray()),
]);
Console.WriteLine($"Published {string.Join(", ", published.Select(p => $"{p.EventId} to {p.Webhooks} webhook(s)"))}");

// A bad event is refused whole, with the same field-named errors as the REST API.
try
{
    await router.Publish([new EventSubmission("run.finished", """{"id":3}"""u8.ToArray())]);
}
catch (RequestRejectedException refused)
{
    Console.WriteLine($"Refused ({refused.Kind}): {string.Join("; ", refused.Errors!.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
}

// The delivery log, once every delivery has had its first attempt.
var deadline = DateTime.UtcNow.AddSeconds(config.GetValue("Wait:Seconds", 15));
DeliveryPage log;
do
{
    await Task.Delay(250);
    log = await grains.GetGrain<IWebhookGrain>(GrainKeys.Webhook(workspaceId, project.Code, webhook.Id)).ListDeliveries(new DeliveryQuery());
}
while (log.Items.Any(d => d.AttemptCount == 0) && DateTime.UtcNow < deadline);
foreach (var delivery in log.Items)
{
    Console.WriteLine($"{delivery.Id} {delivery.EventName} {delivery.Status.ToString().ToLowerInvariant()} status={delivery.ResponseStatus?.ToString() ?? "-"} error={delivery.Error ?? "-"}");
}
await host.StopAsync();
