using System.Net;
using System.Net.Http.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Delivery;

[Collection(DeliveryCollection.Name)]
public sealed class PublishingTests(DeliveryServer server)
{
    [Fact]
    public async Task Repeating_an_idempotency_key_answers_the_first_answer_and_delivers_once()
    {
        var (_, client) = await server.Api.CreateProject("IDEM");
        var path = DeliveryServer.NewPath();
        await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path), ["run.completed"], code: "IDEM");

        var first = await DeliveryServer.Publish(client, "run.completed", new { id = 1 }, code: "IDEM", idempotencyKey: "run-1-done");
        var again = await DeliveryServer.Publish(client, "run.completed", new { id = 999 }, code: "IDEM", idempotencyKey: "run-1-done");
        var byId = await HttpAssert.Json(await client.PostAsJsonAsync("/v1/projects/IDEM/events",
            new { event_name = "run.completed", payload = new { id = 2 }, id = "run-2-done" }), HttpStatusCode.Accepted);
        var byIdAgain = await HttpAssert.Json(await client.PostAsJsonAsync("/v1/projects/IDEM/events",
            new { event_name = "run.completed", payload = new { id = 2 }, id = "run-2-done" }), HttpStatusCode.Accepted);

        Assert.Equal(first.GetRawText(), again.GetRawText());
        Assert.Equal(byId.GetRawText(), byIdAgain.GetRawText());
        Assert.NotEqual(first.GetProperty("event_id").GetString(), byId.GetProperty("event_id").GetString());
        await server.Receiver.WaitFor(path, 2);
        await DeliveryServer.Publish(client, "run.completed", new { id = 3 }, code: "IDEM");
        await server.Receiver.WaitFor(path, 3);
        Assert.Equal(3, server.Receiver.At(path).Count);
        Assert.DoesNotContain(server.Receiver.At(path), r => r.Text.Contains("\"id\":999"));
    }

    [Fact]
    public async Task A_batch_answers_in_order_and_an_invalid_event_rejects_it_whole()
    {
        var (_, client) = await server.Api.CreateProject("BAT");
        var path = DeliveryServer.NewPath();
        await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path), ["case.created", "case.deleted"], code: "BAT");

        var bad = await client.PostAsJsonAsync("/v1/projects/BAT/events/batch", new
        {
            events = new object[]
            {
                new { event_name = "case.created", payload = new { id = 1 } },
                new { event_name = "case.exploded", payload = new { id = 2 } },
                new { event_name = "case.deleted", payload = new[] { 1, 2 } },
                new { payload = new { id = 4 } },
            },
        });
        await HttpAssert.Invalid(bad, "events[1].event_name", "events[2].payload", "events[3].event_name");

        var good = await HttpAssert.Json(await client.PostAsJsonAsync("/v1/projects/BAT/events/batch", new
        {
            events = new object[]
            {
                new { event_name = "case.created", payload = new { id = 10 } },
                new { event_name = "run.started", payload = new { id = 11 } },
                new { event_name = "case.deleted", payload = new { id = 12 } },
            },
        }), HttpStatusCode.Accepted);
        Assert.Equal([1, 0, 1], good.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("webhooks").GetInt32()));

        var received = await server.Receiver.WaitFor(path, 2);
        Assert.Equal(2, received.Count);
        Assert.DoesNotContain(received, r => r.Text.Contains("\"id\":1}"));
    }

    [Fact]
    public async Task Bad_events_are_refused_with_the_field_named()
    {
        var (_, client) = await server.Api.CreateProject("BAD");

        await HttpAssert.Invalid(await client.PostAsJsonAsync("/v1/projects/BAD/events", new { event_name = "nope", payload = new { } }), "event_name");
        await HttpAssert.Invalid(await client.PostAsJsonAsync("/v1/projects/BAD/events", new { event_name = "case.created", payload = "text" }), "payload");
        await HttpAssert.Invalid(await client.PostAsJsonAsync("/v1/projects/BAD/events", new { event_name = "case.created" }), "payload");
        await HttpAssert.Invalid(await client.PostAsJsonAsync("/v1/projects/BAD/events", new { event_name = "case.created", payload = new { }, timestamp = "soon" }), "timestamp");
        await HttpAssert.Problem(await client.PostAsync("/v1/projects/BAD/events",
            new StringContent("{\"event_name\":", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        await HttpAssert.Problem(await client.PostAsJsonAsync("/v1/projects/NOPE/events", new { event_name = "case.created", payload = new { } }), HttpStatusCode.NotFound);
        await HttpAssert.Invalid(await client.PostAsJsonAsync("/v1/projects/BAD/events/batch", new { events = Array.Empty<object>() }), "events");
        var tooMany = Enumerable.Range(0, 1001).Select(i => new { event_name = "case.created", payload = new { id = i } });
        await HttpAssert.Invalid(await client.PostAsJsonAsync("/v1/projects/BAD/events/batch", new { events = tooMany }), "events");
    }

    [Fact]
    public async Task A_null_event_in_a_batch_is_refused_naming_its_missing_fields()
    {
        var (_, client) = await server.Api.CreateProject("NUL");

        await HttpAssert.Invalid(await client.PostAsync("/v1/projects/NUL/events/batch",
            JsonAssert.Raw("""{"events":[{"event_name":"case.created","payload":{}},null]}""")), "events[1].event_name", "events[1].payload");
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_is_named_by_its_path_and_a_body_not_sent_as_json_answers_415()
    {
        var (_, client) = await server.Api.CreateProject("TYP");

        await HttpAssert.Invalid(await client.PostAsync("/v1/projects/TYP/events/batch",
            JsonAssert.Raw("""{"events":[{"event_name":"case.created","payload":{}},{"event_name":"case.created","payload":{},"timestamp":"soon"}]}""")),
            "events[1].timestamp");
        await HttpAssert.Invalid(await client.PostAsync("/v1/projects/TYP/events/batch", JsonAssert.Raw("""{"events":"case.created"}""")), "events");
        await HttpAssert.Invalid(await client.PostAsync("/v1/projects/TYP/events", JsonAssert.Raw("""{"event_name":["case.created"],"payload":{}}""")), "event_name");
        await HttpAssert.Problem(await client.PostAsync("/v1/projects/TYP/events", JsonAssert.Raw("")), HttpStatusCode.BadRequest);
        await HttpAssert.Problem(await client.PostAsync("/v1/projects/TYP/events",
            new StringContent("""{"event_name":"case.created","payload":{}}""", System.Text.Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Field_names_are_read_in_any_case_and_numbers_also_from_strings()
    {
        var (_, client) = await server.Api.CreateProject("CAS");
        var path = DeliveryServer.NewPath();
        await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path), ["case.created"], code: "CAS");

        await HttpAssert.Json(await client.PostAsync("/v1/projects/CAS/events",
            JsonAssert.Raw("""{"Event_Name":"case.created","PAYLOAD":{"id":3},"timestamp":"7","team_member_id":"40","extra":[1]}""")), HttpStatusCode.Accepted);

        var received = Assert.Single(await server.Receiver.WaitFor(path, 1));
        Assert.Equal("""{"event_name":"case.created","timestamp":7,"payload":{"id":3},"team_member_id":40,"project_code":"CAS"}""", received.Text);
    }

    [Fact]
    public async Task A_batch_event_over_256_KiB_in_bytes_answers_413_naming_it_though_it_has_fewer_characters()
    {
        var (_, client) = await server.Api.CreateProject("WIDE");
        var wide = new string('é', 150 * 1024); // 150 Ki characters, 300 KiB of UTF-8

        var response = await client.PostAsJsonAsync("/v1/projects/WIDE/events/batch", new
        {
            events = new object[]
            {
                new { event_name = "case.created", payload = new { id = 1 } },
                new { event_name = "case.created", payload = new { wide } },
            },
        });

        var problem = await HttpAssert.Problem(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.True(problem.GetProperty("errors").TryGetProperty("events[1].payload", out _), problem.ToString());
    }

    [Fact]
    public async Task An_event_over_256_KiB_answers_413()
    {
        var (_, client) = await server.Api.CreateProject("BIG");
        var big = new string('x', 256 * 1024);

        await HttpAssert.Problem(await client.PostAsJsonAsync("/v1/projects/BIG/events",
            new { event_name = "case.created", payload = new { big } }), HttpStatusCode.RequestEntityTooLarge);
        await HttpAssert.Problem(await client.PostAsJsonAsync("/v1/projects/BIG/events/batch",
            new { events = new[] { new { event_name = "case.created", payload = new { big } } } }), HttpStatusCode.RequestEntityTooLarge);

        // Sent with its length, the body is refused before it is read.
        await HttpAssert.Problem(await client.PostAsync("/v1/projects/BIG/events",
            JsonAssert.Raw($$$"""{"event_name":"case.created","payload":{"big":"{{{big}}}"}}""")), HttpStatusCode.RequestEntityTooLarge);

        var nearly = new string('x', 200 * 1024);
        await HttpAssert.Json(await client.PostAsJsonAsync("/v1/projects/BIG/events/batch",
            new { events = Enumerable.Range(0, 3).Select(_ => new { event_name = "case.created", payload = new { nearly } }) }), HttpStatusCode.Accepted);
    }
}
