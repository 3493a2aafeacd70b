using Orleans.Storage;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Grains.Webhooks;
using Qase.Webhooks.Hosting.Storage;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Storage;

/// <summary>
/// Grain states are stored in Orleans' binary form behind a mark; a state an earlier version stored as JSON is still
/// read, and its next write stores it in the binary form.
/// </summary>
public sealed class StoredStateSerializerTests
{
    private static IGrainStorageSerializer Json => StateSerializers.Json;

    private static StoredStateSerializer Stored => StateSerializers.Stored;

    private static WebhookState Sample() => new()
    {
        Title = "Builds",
        Url = "https://hooks.example.com/qase?token=abc",
        Events = ["run.completed", "case.created"],
        Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        SigningKey = [1, 2, 3, 4],
        DisabledReason = DisabledReason.Timeout,
        FailingSince = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123),
        RateLimit = 50,
    };

    [Fact]
    public void A_state_is_stored_in_the_binary_form_behind_its_mark_and_read_back_whole()
    {
        var bytes = Stored.Serialize(Sample()).ToArray();

        Assert.Equal(StoredStateSerializer.Mark, bytes[..StoredStateSerializer.Mark.Length]);
        Assert.Equivalent(Sample(), Stored.Deserialize<WebhookState>(new BinaryData(bytes)), strict: true);
        Assert.True(bytes.Length < Json.Serialize(Sample()).ToArray().Length);
    }

    [Fact]
    public void A_state_stored_as_json_by_an_earlier_version_is_still_read()
    {
        var json = Json.Serialize(Sample());
        Assert.Equal((byte)'{', json.ToArray()[0]);

        Assert.Equivalent(Sample(), Stored.Deserialize<WebhookState>(json), strict: true);
    }
}
