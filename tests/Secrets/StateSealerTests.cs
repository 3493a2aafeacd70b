using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Qase.Webhooks.Hosting.Secrets;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Secrets;

/// <summary>The sealing of grain states: AES-256-GCM, a fresh nonce per write, the key picked by the id stored beside it.</summary>
public sealed class StateSealerTests
{
    private const string Context = "webhook/webhook/ws_1/wh_1";
    private static readonly byte[] State = Encoding.UTF8.GetBytes("""{"Title":"CI","Secret":"whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ="}""");

    [Fact]
    public void A_sealed_state_opens_to_what_was_sealed_and_holds_none_of_it_in_clear()
    {
        var sealer = Sealer(TestSecrets.Key);

        var sealedState = sealer.Seal(State, Context);

        Assert.Equal(State, sealer.Open(sealedState, Context));
        Assert.True(StateSealer.IsSealed(sealedState));
        Assert.Equal(-1, sealedState.AsSpan().IndexOf("whsec_"u8));
        Assert.Equal(-1, sealedState.AsSpan().IndexOf(Convert.FromBase64String(TestSecrets.Key)));
        Assert.Equal(2 + 1 + 4 + StateSealer.NonceSize + State.Length + StateSealer.TagSize, sealedState.Length);
    }

    [Fact]
    public void Every_write_takes_a_new_nonce()
    {
        var sealer = Sealer(TestSecrets.Key);

        var sealedStates = Enumerable.Range(0, 50).Select(_ => sealer.Seal(State, Context)).ToList();

        Assert.Equal(50, sealedStates.Select(s => Convert.ToHexString(s.AsSpan(7, StateSealer.NonceSize))).Distinct().Count());
        Assert.Equal(50, sealedStates.Select(Convert.ToHexString).Distinct().Count());
    }

    [Theory]
    [InlineData(2)] // the format version
    [InlineData(8)] // the nonce
    [InlineData(30)] // the ciphertext
    [InlineData(-1)] // the tag
    public void A_tampered_state_is_refused(int at)
    {
        var sealer = Sealer(TestSecrets.Key);
        var sealedState = sealer.Seal(State, Context);

        sealedState[at >= 0 ? at : sealedState.Length + at] ^= 0x01;

        var error = Assert.Throws<UnreadableStateException>(() => sealer.Open(sealedState, Context));
        Assert.NotEqual(UnreadableStateProblem.UnknownKey, error.Kind);
    }

    [Fact]
    public void A_state_copied_to_another_grain_does_not_open()
    {
        var sealer = Sealer(TestSecrets.Key);

        var error = Assert.Throws<UnreadableStateException>(() => sealer.Open(sealer.Seal(State, Context), "webhook/webhook/ws_1/wh_2"));

        Assert.Equal(UnreadableStateProblem.NotAuthentic, error.Kind);
    }

    [Fact]
    public void The_key_id_picks_the_key_and_writes_use_the_current_one()
    {
        var sealedUnderOld = Sealer(TestSecrets.Key).Seal(State, Context);
        var rotated = Sealer(TestSecrets.NextKey, TestSecrets.OtherKey, TestSecrets.Key);

        Assert.Equal(TestSecrets.IdOf(TestSecrets.Key), StateSealer.KeyIdOf(sealedUnderOld));
        Assert.Equal(State, rotated.Open(sealedUnderOld, Context));
        var resealed = rotated.Seal(State, Context);
        Assert.Equal(TestSecrets.IdOf(TestSecrets.NextKey), StateSealer.KeyIdOf(resealed));
        Assert.Equal(State, Sealer(TestSecrets.NextKey).Open(resealed, Context));
    }

    [Fact]
    public void A_state_under_a_key_that_is_not_configured_names_its_key_id()
    {
        var sealedUnderOld = Sealer(TestSecrets.Key).Seal(State, Context);

        var error = Assert.Throws<UnreadableStateException>(() => Sealer(TestSecrets.NextKey).Open(sealedUnderOld, Context));

        Assert.Equal(UnreadableStateProblem.UnknownKey, error.Kind);
        Assert.Equal(TestSecrets.IdOf(TestSecrets.Key), error.KeyId);
        Assert.Contains(TestSecrets.IdOf(TestSecrets.Key), error.Message);
        Assert.Contains("Secrets:PreviousKeys", error.Message);
    }

    [Fact]
    public void Previous_keys_are_read_from_a_list_or_a_comma_separated_string()
    {
        var fromList = Keys(new()
        {
            ["Secrets:Key"] = TestSecrets.Key,
            ["Secrets:PreviousKeys:0"] = TestSecrets.NextKey,
            ["Secrets:PreviousKeys:1"] = TestSecrets.OtherKey,
        });
        var fromString = Keys(new()
        {
            ["Secrets:Key"] = TestSecrets.Key,
            ["Secrets:PreviousKeys"] = $" {TestSecrets.NextKey} ,{TestSecrets.OtherKey},",
        });

        foreach (var keys in new[] { fromList, fromString })
        {
            Assert.Equal(TestSecrets.IdOf(TestSecrets.Key), keys.Current.IdText);
            Assert.Equal(new[] { TestSecrets.Key, TestSecrets.NextKey, TestSecrets.OtherKey }.Select(TestSecrets.IdOf), keys.All.Select(k => k.IdText));
        }
        Assert.Null(SealingKeys.FromConfiguration(new ConfigurationBuilder().Build()));
    }

    [Fact]
    public void A_key_that_is_not_32_bytes_is_refused_naming_it()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Keys(new() { ["Secrets:Key"] = Convert.ToBase64String(new byte[16]) }));

        Assert.Contains("Secrets:Key must be the base64 of exactly 32 bytes, not 16", string.Join(" ", error.Failures));
    }

    private static StateSealer Sealer(string key, params string[] previous) =>
        new(new SealingKeys(new SealingKey(Convert.FromBase64String(key)), previous.Select(p => new SealingKey(Convert.FromBase64String(p)))));

    private static SealingKeys Keys(Dictionary<string, string?> settings) =>
        SealingKeys.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())!;
}
