using Qase.Webhooks.Grains.Delivery;

namespace Qase.Webhooks.Tests.Rules;

public sealed class HandoffLedgerTests
{
    private static PendingDelivery First(string id) => new(id, "run.completed", [], 0);

    [Fact]
    public void A_delivery_claimed_before_its_handoff_is_skipped_by_that_handoff_once()
    {
        var ledger = new HandoffLedger(16);
        ledger.Claimed(First("dlv_a"));

        Assert.True(ledger.ClaimedBefore("dlv_a"));
        Assert.False(ledger.ClaimedBefore("dlv_a"));
        Assert.False(ledger.ClaimedBefore("dlv_b"));
    }

    [Fact]
    public void A_handoff_left_to_the_store_is_matched_by_the_claim_that_takes_it()
    {
        var ledger = new HandoffLedger(16);
        ledger.LeftToStore("dlv_a");
        ledger.Claimed(First("dlv_a"));

        // Its handoff came already: a repeat of that claim's note would wait for one that never comes.
        Assert.False(ledger.ClaimedBefore("dlv_a"));
    }

    [Fact]
    public void A_retry_is_never_handed_over_so_its_claim_is_not_noted()
    {
        var ledger = new HandoffLedger(16);
        ledger.Claimed(First("dlv_a") with { AttemptCount = 1 });

        Assert.False(ledger.ClaimedBefore("dlv_a"));
    }

    [Fact]
    public void Past_its_capacity_the_oldest_waiting_are_let_go_and_the_newest_kept()
    {
        var ledger = new HandoffLedger(4);
        for (var i = 0; i < 100; i++)
        {
            ledger.Claimed(First($"dlv_{i}"));
        }

        Assert.False(ledger.ClaimedBefore("dlv_95"));
        Assert.All([96, 97, 98, 99], i => Assert.True(ledger.ClaimedBefore($"dlv_{i}")));
    }

    [Fact]
    public void Matched_ones_never_push_out_those_still_waiting()
    {
        var ledger = new HandoffLedger(4);
        ledger.Claimed(First("dlv_waiting"));
        for (var i = 0; i < 1000; i++)
        {
            ledger.Claimed(First($"dlv_{i}"));
            Assert.True(ledger.ClaimedBefore($"dlv_{i}"));
        }

        Assert.True(ledger.ClaimedBefore("dlv_waiting"));
    }
}
