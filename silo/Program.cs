using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qase.Webhooks.Hosting;
using Qase.Webhooks.Hosting.Storage;

return await StartupFailure.Run(() => args is ["migrate", .. var rest] ? Migrate(rest) : RunSilo(args));

// One silo of the cluster; its HTTP port (--urls) answers health and metrics only.
static async Task<int> RunSilo(string[] args)
{
    var builder = WebApplication.CreateBuilder(args);
    if (new[] { "urls", "http_ports", "https_ports" }.All(key => string.IsNullOrEmpty(builder.Configuration[key])))
    {
        // Several silos may share a machine: without --urls, each takes a free loopback port for its probes.
        builder.WebHost.UseUrls("http://127.0.0.1:0");
    }
    var cluster = builder.AddQaseCluster();
    if (cluster.IsClient)
    {
        throw new OptionsValidationException("Orleans:Mode", typeof(QaseClusterOptions), ["Orleans:Mode=client is for the api process; the silo process hosts a silo."]);
    }
    builder.AddQaseOperations();
    var app = builder.Build();
    app.MapQaseOperations();
    await app.RunAsync();
    return 0;
}

// `migrate`: creates or upgrades the schema in ConnectionStrings:Postgres, then exits.
static async Task<int> Migrate(string[] args)
{
    var builder = Host.CreateApplicationBuilder(args);
    var postgres = QaseHosting.PostgresConnectionString(builder.Configuration)
        ?? throw new OptionsValidationException("ConnectionStrings:Postgres", typeof(string), ["migrate needs ConnectionStrings:Postgres."]);
    builder.Services.AddQaseDatabase(postgres);
    using var host = builder.Build();
    var applied = await host.Services.GetRequiredService<SchemaMigrator>().Migrate();
    Console.WriteLine(applied.Count == 0
        ? "The schema is up to date."
        : $"Applied migrations {string.Join(", ", applied)}; the schema is up to date.");
    return 0;
}
