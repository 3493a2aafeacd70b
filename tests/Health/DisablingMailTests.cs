using Qase.Webhooks.Contracts.Events;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Routing;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Health;

/// <summary>The owner's mail on an automatic disabling: owed until queued, found by the sweep, and capped per webhook.</summary>
[Collection(FaultClusterCollection.Name)]
public sealed class DisablingMailTests(FaultClusterFixture fixture)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_mail_that_could_not_be_queued_is_found_by_the_sweep_without_a_reactivation()
    {
        var owner = $"owner-{Guid.NewGuid():N}@example.com";
        var (webhook, publish) = await GoneWebhook(owner, "OWED");
        fixture.Mail.FailEnqueues(1);

        await publish();
        await Eventually.Value(webhook.Get, w => w!.DisabledReason == DisabledReason.Gone, Within, "disabled as gone");
        // As if the silo had died before the mail was queued: the activation goes, and nothing calls the webhook again.
        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        await Eventually.True(() => MailsTo(owner) == 1, Within, () => $"{MailsTo(owner)} mails to the owner");
    }

    [Fact]
    public async Task Disabling_mails_stop_at_the_daily_cap_and_are_logged_instead()
    {
        var owner = $"owner-{Guid.NewGuid():N}@example.com";
        var (webhook, publish) = await GoneWebhook(owner, "CAP");

        for (var i = 1; i <= FaultClusterFixture.MaxMailsPerDay + 2; i++)
        {
            await publish();
            await Eventually.Value(webhook.Get, w => w!.DisabledReason == DisabledReason.Gone, Within, $"disabling {i}");
            if (i <= FaultClusterFixture.MaxMailsPerDay)
            {
                await Eventually.True(() => MailsTo(owner) == i, Within, () => $"{MailsTo(owner)} mails after disabling {i}");
            }
            await webhook.Enable();
        }

        var key = webhook.GetPrimaryKeyString();
        await Eventually.True(() => fixture.Logs.Lines.Count(l => l.Contains(key) && l.Contains("Health:MaxMailsPerDay")) == 2, Within,
            () => "two capped mails logged");
        Assert.Equal(FaultClusterFixture.MaxMailsPerDay, MailsTo(owner));

        // The cap is per webhook: another webhook of the same owner is still mailed.
        var (other, publishOther) = await GoneWebhook(owner, "CAP2");
        await publishOther();
        await Eventually.Value(other.Get, w => w!.DisabledReason == DisabledReason.Gone, Within, "the other webhook disabled");
        await Eventually.True(() => MailsTo(owner) == FaultClusterFixture.MaxMailsPerDay + 1, Within, () => "the other webhook's mail");
    }

    private int MailsTo(string owner) => fixture.Mail.Queued.Count(m => m.To == owner);

    private async Task<(IWebhookGrain Webhook, Func<Task> Publish)> GoneWebhook(string owner, string code)
    {
        var (workspace, _) = await fixture.CreateWorkspace(owner: owner);
        await workspace.CreateProject(new NewProject(code, "Mail"));
        var workspaceId = workspace.GetPrimaryKeyString();
        var webhook = fixture.Client.GetGrain<IWebhookGrain>(GrainKeys.Webhook(workspaceId, code, ResourceId.New("wh")));
        await webhook.Create(new NewWebhook("Gone", fixture.Receiver.Url(DeliveryServer.NewPath(), new Reply(410)), null, ["run.completed"]));
        var router = fixture.Client.GetGrain<IProjectEventRouterGrain>(GrainKeys.Project(workspaceId, code));
        return (webhook, () => router.Publish([new EventSubmission("run.completed", """{"id":1}"""u8.ToArray())]));
    }
}
