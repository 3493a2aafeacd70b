using System.Text.Json;
using Qase.Webhooks.Contracts.Catalog;

namespace Qase.Webhooks.Tests.Rules;

public sealed class EventCatalogTests
{
    // SPEC §7, in the order of the product's settings page.
    private static readonly (string Group, string[] Names)[] Groups =
    [
        ("Test cases", ["case.created", "case.updated", "case.deleted", "case.cloned"]),
        ("Test suites", ["suite.created", "suite.updated", "suite.deleted", "suite.cloned"]),
        ("Test plans", ["plan.created", "plan.updated", "plan.deleted"]),
        ("Shared steps", ["shared_step.created", "shared_step.updated", "shared_step.deleted"]),
        ("Milestones", ["milestone.created", "milestone.updated", "milestone.deleted"]),
        ("Custom fields", ["custom_field.created", "custom_field.updated", "custom_field.deleted"]),
        ("Test runs", ["run.started", "run.aborted", "run.updated", "run.deleted", "run.completed", "run.report_changed"]),
        ("Defects", ["defect.created", "defect.resolved", "defect.updated", "defect.deleted"]),
        ("Reviews", ["review.created", "review.updated", "review.approval_status_changed", "review.reviewer_added",
            "review.reviewer_removed", "review.merged", "review.reopened", "review.commented", "review.declined", "review.deleted"]),
        ("Results", ["result.created", "result.updated", "result.deleted"]),
    ];

    [Fact]
    public void Catalog_has_43_unique_names()
    {
        var names = EventCatalog.All.Select(t => t.Name).ToList();
        Assert.Equal(43, names.Count);
        Assert.Equal(43, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Catalog_lists_the_groups_and_names_of_the_spec_in_order()
    {
        var expected = Groups.SelectMany(g => g.Names.Select(name => (g.Group, name))).ToList();
        var actual = EventCatalog.All.Select(t => (t.Group, t.Name)).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Every_type_has_a_title_and_an_example_payload_that_is_a_JSON_object()
    {
        foreach (var type in EventCatalog.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(type.Title), $"{type.Name} has no title");
            using var example = JsonDocument.Parse(type.Example);
            Assert.True(example.RootElement.ValueKind == JsonValueKind.Object, $"{type.Name}'s example is not an object");
            Assert.True(example.RootElement.EnumerateObject().Any(), $"{type.Name}'s example is empty");
        }
    }

    [Theory]
    [InlineData("case.created", "Create test case")]
    [InlineData("run.started", "Test run start")]
    [InlineData("run.updated", "Test cases added to run")]
    [InlineData("run.report_changed", "Public link turned on")]
    public void Titles_are_those_of_the_spec(string name, string title)
    {
        Assert.True(EventCatalog.TryGet(name, out var type));
        Assert.Equal(title, type.Title);
    }

    [Theory]
    [InlineData("case.cloned", new[] { "id", "from_id" })]
    [InlineData("run.report_changed", new[] { "id", "visible" })]
    [InlineData("run.completed", new[] { "id", "cases", "passed", "failed", "blocked", "duration" })]
    public void Examples_carry_the_documented_fields(string name, string[] fields)
    {
        Assert.True(EventCatalog.TryGet(name, out var type));
        using var example = JsonDocument.Parse(type.Example);
        Assert.Equal(fields.Order(), example.RootElement.EnumerateObject().Select(p => p.Name).Order());
    }

    [Theory]
    [InlineData("run.completed", true)]
    [InlineData("defect.updated", true)]
    [InlineData("Run.Completed", false)]     // names are exact
    [InlineData("run.completed ", false)]
    [InlineData("run", false)]
    [InlineData("", false)]
    [InlineData("webhook.created", false)]
    public void Knows_exactly_the_wire_names(string name, bool known)
    {
        Assert.Equal(known, EventCatalog.IsKnown(name));
        Assert.Equal(known, EventCatalog.TryGet(name, out _));
    }
}
