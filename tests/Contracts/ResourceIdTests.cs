using System.Text.RegularExpressions;
using Qase.Webhooks.Contracts.Projects;

namespace Qase.Webhooks.Tests.Contracts;

/// <summary>The delivery log pages on the order of ids, so ids made one after another sort that way, and never repeat.</summary>
public sealed partial class ResourceIdTests
{
    [Fact]
    public void An_id_is_its_prefix_then_32_lower_case_hex_digits()
    {
        Assert.Matches(IdShape(), ResourceId.New("dlv"));
        Assert.Matches(IdShape(), ResourceId.New("wh"));
        Assert.StartsWith("evt_", ResourceId.New("evt"), StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_made_one_after_another_sort_in_that_order_and_are_unique()
    {
        // Far more than one millisecond holds, so the in-millisecond counter is what keeps the order.
        var ids = Enumerable.Range(0, 20_000).Select(_ => ResourceId.New("dlv")).ToList();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Ids_made_on_many_threads_at_once_are_unique()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 20_000, _ => ids.Add(ResourceId.New("dlv")));

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_random_part_differs_from_id_to_id_on_every_thread()
    {
        // The last 16 hex digits are random bytes; a block reused or handed out twice would repeat them.
        var tails = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 5_000, _ => tails.Add(ResourceId.New("dlv")[^16..]));

        Assert.Equal(tails.Count, tails.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain("0000000000000000", tails);
    }

    [GeneratedRegex("^[a-z]+_[0-9a-f]{32}$")]
    private static partial Regex IdShape();
}
