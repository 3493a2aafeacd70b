using Microsoft.Extensions.DependencyInjection;
using Qase.Webhooks.Grains.Notifications;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>
/// The API with the health rules shortened to seconds (a 2-second timeout, a 4-second failure window
/// checked every second), a receiver for the webhooks and a real SMTP server for the owners' mail, reached
/// over STARTTLS with a user name and password as production reaches its relay.
/// </summary>
public sealed class HealthServer : IAsyncLifetime
{
    public HealthServer()
    {
        Smtp = new SmtpSink();
        var settings = new Dictionary<string, string?>(Smtp.Settings)
        {
            ["Delivery:Timeout"] = "00:00:02",
            ["Delivery:RetrySchedule:0"] = "00:00:00.400",
            ["Delivery:SweepInterval"] = "00:00:01",
            ["Health:FailureWindow"] = "00:00:04",
            ["Health:CheckPeriod"] = "00:00:01",
            ["Smtp:From"] = "Qase webhooks <webhooks@example.com>",
            ["Smtp:PollInterval"] = "00:00:00.300",
        };
        Api = new ApiServer(settings, services =>
            services.PostConfigure<SmtpOptions>(o => o.ServerCertificateValidation = Smtp.TrustsOnlyThisSink));
    }

    public ApiServer Api { get; }

    public SmtpSink Smtp { get; }

    public Receiver Receiver { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Smtp.Start();
        Receiver = await Receiver.Start();
        await Api.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await Receiver.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    public IReadOnlyList<ReceivedMail> MailsTo(string address) => [.. Smtp.Mails.Where(m => m.To.Contains(address))];
}

[CollectionDefinition(Name), Trait("Category", "Slow")]
public sealed class HealthCollection : ICollectionFixture<HealthServer>
{
    public const string Name = "health";
}
