using Qase.Webhooks.Api;
using Qase.Webhooks.Silo.Hosting;

try
{
    var app = QaseApiApp.Build(args);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupFailure.IsConfigurationError(ex))
{
    // A bad configuration value stops the start with the key named, not a stack trace.
    Console.Error.WriteLine($"Configuration error: {StartupFailure.Describe(ex)}");
    return 1;
}
