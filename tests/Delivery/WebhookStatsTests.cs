using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Delivery;

[Collection(DeliveryCollection.Name)]
public sealed class WebhookStatsTests(DeliveryServer server)
{
    private static readonly string[] HourFields = ["start", "succeeded", "failed", "p50_ms", "p95_ms"];

    [Fact]
    public async Task Stats_answer_one_item_per_hour_oldest_first_with_this_hours_attempts_last()
    {
        var (_, client) = await server.Api.CreateProject("STAT");
        var path = DeliveryServer.NewPath();
        var url = server.Receiver.Url(path, new Reply(500), Reply.Ok);
        var webhookId = await DeliveryServer.CreateWebhook(client, url, ["case.created"], code: "STAT");
        // One delivery that fails once and then succeeds on its retry, and a test that succeeds.
        await DeliveryServer.Publish(client, "case.created", new { id = 1 }, code: "STAT");
        await server.Receiver.WaitFor(path, 2);
        await HttpAssert.Json(await client.PostAsync($"/v1/projects/STAT/webhooks/{webhookId}/test", null));

        var stats = await Eventually.Value(() => Stats(client, webhookId, ""),
            s => Last(s).GetProperty("succeeded").GetInt32() == 2, TimeSpan.FromSeconds(10), "the retry's success counted");

        var items = stats.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(24, items.Count);
        foreach (var item in items)
        {
            JsonAssert.Fields(item, HourFields);
        }
        var starts = items.Select(Start).ToList();
        Assert.All(starts.Zip(starts.Skip(1)), pair => Assert.Equal(TimeSpan.FromHours(1), pair.Second - pair.First));
        var now = DateTimeOffset.UtcNow;
        Assert.InRange(now - starts[^1], TimeSpan.Zero, TimeSpan.FromHours(1));
        Assert.Equal(0, starts[^1].Minute + starts[^1].Second + starts[^1].Millisecond);

        var last = Last(stats);
        Assert.Equal(1, last.GetProperty("failed").GetInt32());
        Assert.True(last.GetProperty("p50_ms").GetInt64() <= last.GetProperty("p95_ms").GetInt64());
        var before = items[0]; // 23 hours before the webhook existed
        Assert.Equal(0, before.GetProperty("succeeded").GetInt32() + before.GetProperty("failed").GetInt32());
        JsonAssert.Null(before, "p50_ms");
        JsonAssert.Null(before, "p95_ms");

        Assert.Single((await Stats(client, webhookId, "?hours=1")).GetProperty("items").EnumerateArray());
        Assert.Equal(720, (await Stats(client, webhookId, "?hours=720")).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("721")]
    [InlineData("-3")]
    [InlineData("day")]
    [InlineData("")]
    public async Task Hours_out_of_range_is_a_problem_naming_hours(string hours)
    {
        var (_, client) = await server.Api.CreateProject("STATB");
        var webhookId = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(DeliveryServer.NewPath()), ["case.created"], code: "STATB");

        await HttpAssert.Invalid(await client.GetAsync($"/v1/projects/STATB/webhooks/{webhookId}/stats?hours={hours}"), "hours");
        await HttpAssert.Problem(await client.GetAsync("/v1/projects/STATB/webhooks/wh_missing/stats"), HttpStatusCode.NotFound);
    }

    private static DateTimeOffset Start(JsonElement hour)
    {
        var text = JsonAssert.String(hour, "start");
        Assert.EndsWith(":00:00.000Z", text);
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    private static JsonElement Last(JsonElement stats) => stats.GetProperty("items").EnumerateArray().Last();

    private static async Task<JsonElement> Stats(HttpClient client, string webhookId, string query) =>
        await HttpAssert.Json(await client.GetAsync($"/v1/projects/STAT/webhooks/{webhookId}/stats{query}"));
}
