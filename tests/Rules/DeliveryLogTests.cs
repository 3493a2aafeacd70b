using System.Text;
using Microsoft.Extensions.Time.Testing;
using Qase.Webhooks.Contracts.Delivery;
using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Grains.Delivery;

namespace Qase.Webhooks.Tests.Rules;

public sealed class DeliveryLogTests
{
    private const string Key = "ws/PRJ/wh_1";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 34, 56, TimeSpan.Zero);
    private readonly InMemoryDeliveryStore _store = new();

    [Theory]
    [InlineData(0)]
    [InlineData(DeliveryQuery.MaxLimit + 1)]
    public async Task A_page_size_out_of_range_names_limit(int limit)
    {
        var rejected = await Assert.ThrowsAsync<RequestRejectedException>(() => Log().List(new DeliveryQuery(Limit: limit)));
        Assert.Equal(["limit"], rejected.Errors!.Keys);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(HourStats.MaxHours + 1)]
    public async Task Hours_out_of_range_are_named(int hours)
    {
        var rejected = await Assert.ThrowsAsync<RequestRejectedException>(() => Log().Stats(hours));
        Assert.Equal(HourStats.HoursRule, Assert.Single(rejected.Errors!["hours"]));
    }

    [Fact]
    public void The_stats_window_ends_with_the_current_whole_hour()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), DeliveryLog.FirstHour(Now, 1));
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 13, 0, 0, TimeSpan.Zero), DeliveryLog.FirstHour(Now, 24));
    }

    [Fact]
    public async Task Stats_answer_one_row_per_hour_with_the_attempts_of_that_hour()
    {
        await _store.AddFinished(Key, Record("dlv_1", DeliveryStatus.Succeeded), Body, Attempt("https://a.example.com/hook", 200));
        await _store.AddFinished(Key, Record("dlv_2", DeliveryStatus.Failed), Body, Attempt("https://a.example.com/hook"));

        var stats = await Log().Stats(3);

        Assert.Equal([DeliveryLog.FirstHour(Now, 3), Now.AddMinutes(-34).AddSeconds(-56).AddHours(-1), DeliveryLog.FirstHour(Now, 1)],
            stats.Select(h => h.Start));
        Assert.Equal((1, 1), (stats[2].Succeeded, stats[2].Failed));
    }

    [Fact]
    public async Task A_delivery_shows_the_request_of_its_last_attempt_with_secret_and_signature_redacted()
    {
        await _store.AddFinished(Key, Record("dlv_1", DeliveryStatus.Failed), Body, Attempt("https://old.example.com/hook"));
        var endpoint = new DeliveryEndpoint("https://new.example.com/hook", WebhookSigner.For("s3cret-s3cret", null, null, null, null));

        var detail = await Log().Get("dlv_1", endpoint);

        Assert.Equal("https://old.example.com/hook", detail!.Request.Url);
        Assert.Equal(WebhookSender.Redacted, detail.Request.Headers["X-Qase-Secret"]);
        Assert.Equal(WebhookSender.Redacted, detail.Request.Headers["webhook-signature"]);
        Assert.DoesNotContain(detail.Request.Headers.Values, v => v.Contains("s3cret", StringComparison.Ordinal));
        Assert.Equal("{\"event_name\":\"run.completed\"}", detail.Request.Body);
        Assert.Null(await Log().Get("dlv_missing", endpoint));
    }

    [Fact]
    public void A_delivery_not_yet_attempted_shows_the_webhook_s_current_url()
    {
        var stored = new StoredDelivery(Record("dlv_2", DeliveryStatus.Pending), Body, []);
        var detail = DeliveryLog.Detail(stored, new DeliveryEndpoint("https://now.example.com/hook", WebhookSigner.Unsigned));

        Assert.Equal("https://now.example.com/hook", detail.Request.Url);
        Assert.False(detail.Request.Headers.ContainsKey("X-Qase-Secret"));
        Assert.Equal(Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), detail.Request.Headers["webhook-timestamp"]);
    }

    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"event_name\":\"run.completed\"}");

    private DeliveryLog Log() => new(Key, _store, new FakeTimeProvider(Now));

    private static DeliveryRecord Record(string id, DeliveryStatus status) =>
        new(id, "wh_1", "evt_1", "run.completed", status, 1, Now, Now, null, 500, 12, null);

    private static DeliveryAttempt Attempt(string url, int status = 500) => new(Now, status, 12, null, null, url);
}
