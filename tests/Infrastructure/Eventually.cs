namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>Waits for a condition by polling, with a deadline: never a fixed sleep.</summary>
public static class Eventually
{
    public static async Task True(Func<bool> condition, TimeSpan within, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not true within {within}: {describe?.Invoke() ?? "condition"}");
            }
            await Task.Delay(50);
        }
    }

    public static async Task<T> Value<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not true within {within}: {what}; last value {value}");
            }
            await Task.Delay(100);
        }
    }
}
