using Qase.Webhooks.Grains.Storage;

namespace Qase.Webhooks.Tests.Rules;

/// <summary>Interleaved turns of a grain write its state one after the other, never two at once.</summary>
public sealed class SerialWritesTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_second_write_starts_only_once_the_first_has_finished()
    {
        var writes = new SerialWrites();
        var first = new TaskCompletionSource();
        var order = new List<string>();

        var one = writes.Run(async () =>
        {
            order.Add("first starts");
            await first.Task;
            order.Add("first ends");
        });
        var two = writes.Run(() =>
        {
            order.Add("second starts");
            return Task.CompletedTask;
        });

        Assert.False(two.IsCompleted);
        first.SetResult();
        await Task.WhenAll(one, two).WaitAsync(Deadline);

        Assert.Equal(["first starts", "first ends", "second starts"], order);
    }

    [Fact]
    public async Task A_failed_write_fails_its_caller_and_lets_the_next_one_go()
    {
        var writes = new SerialWrites();
        var written = false;

        await Assert.ThrowsAsync<InvalidOperationException>(() => writes.Run(() => throw new InvalidOperationException("storage is down")));
        await writes.Run(() =>
        {
            written = true;
            return Task.CompletedTask;
        }).WaitAsync(Deadline);

        Assert.True(written);
    }
}
