using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Qase.Webhooks.Api.Events;

namespace Qase.Webhooks.Tests.Rules;

/// <summary>A publish body is read in one pass: each payload is its bytes as sent, a slice of the body, never copied.</summary>
public sealed class PublishBodyTests
{
    [Fact]
    public void Each_payload_is_the_bytes_sent_as_a_slice_of_the_body()
    {
        const string first = """{ "title" : "Ünïcode ✓ \u00e9", "big": 12345678901234567890, "nested": {"a" : [ ]} }""";
        const string second = """{"id":2}""";
        var body = Encoding.UTF8.GetBytes($$"""{"events": [{"event_name": "case.created", "payload": {{first}}}, {"payload":{{second}}, "event_name": "run.completed"}]}""");

        var events = PublishBody.ParseBatch(body);

        Assert.Equal(["case.created", "run.completed"], events.Select(e => e.EventName));
        Assert.Equal([first, second], events.Select(e => Encoding.UTF8.GetString(e.Payload.Span)));
        Assert.All(events, e =>
        {
            Assert.True(MemoryMarshal.TryGetArray(e.Payload, out var segment));
            Assert.Same(body, segment.Array);
            Assert.True(e.PayloadReadAsObject);
        });
    }

    [Theory]
    [InlineData("\"text\"")]
    [InlineData("[1, 2]")]
    [InlineData("42")]
    [InlineData("null")]
    public void A_payload_that_is_not_an_object_is_left_for_the_router_to_refuse(string payload)
    {
        var submission = PublishBody.ParseEvent(Encoding.UTF8.GetBytes($$"""{"event_name":"case.created","payload":{{payload}}}"""));

        Assert.True(submission.Payload.IsEmpty);
        Assert.False(submission.PayloadReadAsObject);
    }

    [Fact]
    public void Fields_are_read_in_any_case_numbers_also_from_strings_and_unknown_ones_are_skipped()
    {
        var submission = PublishBody.ParseEvent(Encoding.UTF8.GetBytes(
            """{"EVENT_NAME":"run.completed","Payload":{"id":1},"timestamp":"7","team_member_id":40,"extra":{"deep":[1,{"x":null}]},"i\u0064":"key"}"""),
            idempotencyKey: "header-key");

        Assert.Equal("run.completed", submission.EventName);
        Assert.Equal("""{"id":1}""", Encoding.UTF8.GetString(submission.Payload.Span));
        Assert.Equal(7, submission.Timestamp);
        Assert.Equal(40, submission.TeamMemberId);
        Assert.Equal("key", submission.IdempotencyKey);
        Assert.Equal("header-key", PublishBody.ParseEvent("""{"event_name":"run.completed"}"""u8.ToArray(), "header-key").IdempotencyKey);
    }

    [Theory]
    [InlineData("""{"event_name": 5}""", "$.event_name")]
    [InlineData("""{"timestamp": "soon"}""", "$.timestamp")]
    [InlineData("""{"timestamp": 1.5}""", "$.timestamp")]
    [InlineData("""{"team_member_id": 99999999999999999999}""", "$.team_member_id")]
    [InlineData("""{"id": ["a"]}""", "$.id")]
    [InlineData("""[]""", "$")]
    [InlineData("""null""", "$")]
    public void A_field_of_the_wrong_type_is_named_by_its_path(string body, string path)
    {
        var failure = Assert.ThrowsAny<JsonException>(() => PublishBody.ParseEvent(Encoding.UTF8.GetBytes(body)));
        Assert.Equal(path, failure.Path);
    }

    [Theory]
    [InlineData("""{"events": "run.completed"}""", "$.events")]
    [InlineData("""{"events": [{"event_name":"run.completed"}, 7]}""", "$.events[1]")]
    [InlineData("""{"events": [{}, {"timestamp": "soon"}]}""", "$.events[1].timestamp")]
    public void A_batch_field_of_the_wrong_type_is_named_by_its_path(string body, string path)
    {
        var failure = Assert.ThrowsAny<JsonException>(() => PublishBody.ParseBatch(Encoding.UTF8.GetBytes(body)));
        Assert.Equal(path, failure.Path);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{"event_name": "run.completed", "payload": {"id": }}""")]
    [InlineData("""{"event_name": "run.completed"} trailing""")]
    [InlineData("""{"event_name": "run.completed"} {}""")]
    [InlineData("""{'event_name': 'run.completed'}""")]
    public void Malformed_json_is_a_syntax_error_without_a_path(string body)
    {
        var failure = Assert.ThrowsAny<JsonException>(() => PublishBody.ParseEvent(Encoding.UTF8.GetBytes(body)));
        Assert.Null(failure.Path);
    }

    [Fact]
    public void A_null_or_absent_event_list_is_an_empty_batch_and_a_null_event_has_no_fields()
    {
        Assert.Empty(PublishBody.ParseBatch("""{"events": null}"""u8.ToArray()));
        Assert.Empty(PublishBody.ParseBatch("""{}"""u8.ToArray()));
        var missing = Assert.Single(PublishBody.ParseBatch("""{"events": [null]}"""u8.ToArray()));
        Assert.Null(missing.EventName);
        Assert.True(missing.Payload.IsEmpty);
    }

    [Fact]
    public void The_fields_read_are_the_fields_the_api_describes()
    {
        var described = typeof(PublishEventRequest).GetProperties().Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name));
        Assert.Equal(described.Order(StringComparer.Ordinal), PublishBody.EventFields.Order(StringComparer.Ordinal));
    }
}
