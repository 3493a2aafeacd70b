using Microsoft.Extensions.Hosting;
using Qase.Webhooks.Silo.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.AddQaseCluster();
await builder.Build().RunAsync();
