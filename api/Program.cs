using Qase.Webhooks.Api;
using Qase.Webhooks.Hosting;

return await StartupFailure.Run(async () =>
{
    await QaseApiApp.Build(args).RunAsync();
    return 0;
});
