using Qase.Webhooks.Contracts.Workspaces;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Contracts;

/// <summary>
/// The grain contract is what other clusters compile and serialize against: a rename, a new id or a dropped
/// method breaks them silently at run time. Its shape is kept in <c>grain-interfaces.contract.txt</c>; a change
/// to it is a deliberate edit of that file, made with <c>QASE_ACCEPT_CONTRACT=1 dotnet test --filter PublicContract</c>.
/// </summary>
public sealed class PublicContractTests
{
    private static readonly string Snapshot = Path.Combine(Repository.Root, "tests", "Contracts", "grain-interfaces.contract.txt");

    [Fact]
    public void The_public_grain_contract_keeps_its_shape()
    {
        var actual = ContractShape.Of(typeof(IWorkspaceGrain).Assembly);
        if (Environment.GetEnvironmentVariable("QASE_ACCEPT_CONTRACT") == "1")
        {
            File.WriteAllText(Snapshot, actual);
        }
        var expected = File.Exists(Snapshot) ? File.ReadAllText(Snapshot) : "";
        var changed = Diff(expected, actual);
        Assert.True(changed.Count == 0,
            $"The public grain contract changed; other clusters bind to it. If that is intended and compatible, accept it with " +
            $"QASE_ACCEPT_CONTRACT=1 and commit {Path.GetFileName(Snapshot)}:\n{string.Join('\n', changed)}");
    }

    [Theory]
    [InlineData("Deliver")]
    [InlineData("Wake")]
    [InlineData("Upsert")]
    [InlineData("Remove")]
    [InlineData("Detach")]
    [InlineData("GetSubscribers")]
    [InlineData("GetProjectPlan")]
    [InlineData("Bind")]
    [InlineData("Revoke")]
    public void What_the_service_s_grains_call_each_other_through_is_not_public(string method)
    {
        var exposed = typeof(IWorkspaceGrain).Assembly.GetExportedTypes()
            .Where(t => t.IsInterface)
            .Where(t => t.GetMethods().Any(m => m.Name == method))
            .Select(t => t.Name);
        Assert.Empty(exposed);
    }

    private static List<string> Diff(string expected, string actual)
    {
        var before = expected.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var after = actual.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return [.. before.Except(after).Select(l => "- " + l), .. after.Except(before).Select(l => "+ " + l)];
    }
}
