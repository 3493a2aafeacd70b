using System.Text;
using Qase.Webhooks.Grains.Delivery;

namespace Qase.Webhooks.Tests.Rules;

public sealed class EventEnvelopeTests
{
    [Fact]
    public void The_envelope_carries_the_payload_byte_for_byte_between_its_fields()
    {
        var payload = """{ "id" : 2,"note":"spaces  and \u00e9 kept" }""";

        var body = Encoding.UTF8.GetString(EventEnvelope.Build("run.completed", 1650540194, payload, 40, "DEMO"));

        Assert.Equal($$"""{"event_name":"run.completed","timestamp":1650540194,"payload":{{payload}},"team_member_id":40,"project_code":"DEMO"}""", body);
    }

    [Fact]
    public void An_envelope_without_a_team_member_says_null_and_a_large_payload_is_whole()
    {
        var payload = "{\"data\":\"" + new string('x', 300 * 1024) + "\"}";

        var body = EventEnvelope.Build("case.created", 0, Encoding.UTF8.GetBytes(payload), null, "P1");

        var expected = $$"""{"event_name":"case.created","timestamp":0,"payload":{{payload}},"team_member_id":null,"project_code":"P1"}""";
        Assert.Equal(Encoding.UTF8.GetByteCount(expected), body.Length);
        Assert.Equal(expected, Encoding.UTF8.GetString(body));
    }
}
