using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qase.Webhooks.Contracts.Catalog;
using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Grains.Validation;

namespace Qase.Webhooks.Tests.Rules;

/// <summary>The event types' payload schemas (SPEC §11): data embedded beside the catalog, one per type, each with an example.</summary>
public sealed class EventSchemaTests
{
    private const string ResourcePrefix = "Qase.Webhooks.Contracts.Catalog.Schemas.";

    private static readonly Lazy<IReadOnlyDictionary<string, CompiledSchema>> Built = new(() => PayloadSchemas.Build());

    [Fact]
    public void Every_example_validates_against_its_schema()
    {
        Assert.Equal(43, EventCatalog.All.Count);
        Assert.Equal(43, Built.Value.Count);
        foreach (var type in EventCatalog.All)
        {
            var errors = new ValidationErrors();
            var valid = PayloadSchemas.Check(Built.Value[type.Name], errors, "payload", Encoding.UTF8.GetBytes(type.Example));
            Assert.True(valid, $"{type.Name}'s example does not match its schema: {Describe(errors)}");
        }
    }

    [Fact]
    public void Every_catalog_type_has_a_schema_file_and_every_schema_file_is_a_catalog_type()
    {
        var files = typeof(EventCatalog).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^".json".Length])
            .Where(n => n != "definitions")
            .Order(StringComparer.Ordinal);

        Assert.Equal(EventCatalog.All.Select(t => t.Name).Order(StringComparer.Ordinal), files);
    }

    [Fact]
    public void Every_schema_is_a_self_contained_2020_12_object_schema_named_for_its_type()
    {
        foreach (var type in EventCatalog.All)
        {
            var schema = JsonNode.Parse(type.Schema)!.AsObject();
            Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)schema["$schema"]);
            Assert.EndsWith($"/{type.Name}.json", (string?)schema["$id"]);
            Assert.Equal(type.Title, (string?)schema["title"]);
            Assert.False(string.IsNullOrWhiteSpace((string?)schema["description"]), $"{type.Name} has no description");
            Assert.Equal("object", (string?)schema["type"]);
            var required = schema["required"]!.AsArray().Select(r => (string)r!).ToList();
            Assert.NotEmpty(required);
            var properties = schema["properties"]!.AsObject();
            Assert.All(required, name => Assert.True(properties.ContainsKey(name), $"{type.Name} requires {name}, which it does not describe"));
            Assert.Equal(type.Example, Assert.Single(schema["examples"]!.AsArray())!.ToJsonString());
            AssertDescribed(type.Name, "", schema);
        }
    }

    [Fact]
    public void Schemas_allow_properties_they_do_not_list()
    {
        var errors = new ValidationErrors();
        var valid = PayloadSchemas.Check(Built.Value["run.completed"], errors, "payload",
            """{"id":2,"cases":14,"passed":14,"failed":0,"blocked":0,"duration":0,"retried":3,"tags":{"nightly":true}}"""u8);
        Assert.True(valid, Describe(errors));
    }

    [Fact]
    public void A_payload_that_does_not_match_is_named_by_its_JSON_paths_with_the_validators_messages()
    {
        var errors = new ValidationErrors();

        var valid = PayloadSchemas.Check(Built.Value["case.created"], errors, "events[3].payload",
            """{"id":"twelve","title":"Login","steps":[{"position":1,"action":"Open"},{"position":2,"action":7}],"custom_fields":[{"id":1,"type":"dropdown"}]}"""u8);

        Assert.False(valid);
        var problem = Assert.Throws<RequestRejectedException>(() => errors.ThrowIfAny());
        Assert.Equal(ProblemKind.Validation, problem.Kind);
        Assert.Equal(
            ["events[3].payload.custom_fields[0].type", "events[3].payload.id", "events[3].payload.steps[1].action"],
            problem.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("integer", problem.Errors["events[3].payload.id"].Single());
        Assert.Contains("string", problem.Errors["events[3].payload.steps[1].action"].Single());
    }

    [Fact]
    public void A_missing_required_field_is_named_by_its_own_path()
    {
        var errors = new ValidationErrors();

        Assert.False(PayloadSchemas.Check(Built.Value["review.reviewer_added"], errors, "events[3].payload", """{"reviewer":{"email":"bob@acme.test"}}"""u8));

        var problem = Assert.Throws<RequestRejectedException>(() => errors.ThrowIfAny());
        Assert.Equal(["events[3].payload.id", "events[3].payload.reviewer.name"], problem.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("id", Assert.Single(problem.Errors["events[3].payload.id"]));
        Assert.Contains("name", Assert.Single(problem.Errors["events[3].payload.reviewer.name"]));
    }

    [Fact]
    public void Formats_are_checked()
    {
        var errors = new ValidationErrors();

        Assert.False(PayloadSchemas.Check(Built.Value["review.reviewer_added"], errors, "payload",
            """{"id":2,"reviewer":{"email":"not an address","name":"Bob"}}"""u8));

        var problem = Assert.Throws<RequestRejectedException>(() => errors.ThrowIfAny());
        Assert.Equal(["payload.reviewer.email"], problem.Errors!.Keys);
    }

    [Fact]
    public void One_payload_adds_at_most_a_bounded_number_of_messages()
    {
        var errors = new ValidationErrors();
        var steps = string.Join(",", Enumerable.Range(1, 50).Select(i => $$"""{"position":{{i}},"action":{{i}}}"""));

        Assert.False(PayloadSchemas.Check(Built.Value["case.created"], errors, "payload", Encoding.UTF8.GetBytes($$"""{"id":1,"title":"t","steps":[{{steps}}]}""")));

        var problem = Assert.Throws<RequestRejectedException>(() => errors.ThrowIfAny());
        Assert.Equal(PayloadSchemas.MaxErrorsPerPayload, problem.Errors!.Values.Sum(m => m.Length));
    }

    [Theory]
    [InlineData("", "payload")]
    [InlineData("/case/id", "payload.case.id")]
    [InlineData("/steps/0/action", "payload.steps[0].action")]
    [InlineData("/cases/1033", "payload.cases[\"1033\"]")]
    [InlineData("/odd~1key/x y", "payload[\"odd/key\"][\"x y\"]")]
    public void Paths_read_as_the_fields_of_the_request(string pointer, string path)
    {
        using var document = JsonDocument.Parse("""{"case":{"id":1},"steps":[{"action":1}],"cases":{"1033":0},"odd/key":{"x y":1}}""");
        Assert.Equal(path, PayloadSchemas.PathOf("payload", pointer, document.RootElement));
    }

    [Fact]
    public void Nothing_is_built_when_validation_is_off()
    {
        Assert.False(new PayloadSchemas(new EventOptions()).Enabled);
        var on = new PayloadSchemas(new EventOptions { ValidatePayloads = true });
        Assert.True(on.Enabled);
        var errors = new ValidationErrors();
        on.Check(errors, "payload", "run.deleted", """{"id":"x"}"""u8);
        Assert.False(errors.IsEmpty);
    }

    // Every property of every object says what it is: a type (or, for a union, several) and a description.
    private static void AssertDescribed(string type, string at, JsonObject schema)
    {
        Assert.False(schema.ContainsKey("$ref"), $"{type}{at} still refers to {schema["$ref"]}: the served schema must stand alone");
        Assert.False(schema["additionalProperties"] is JsonValue value && value.GetValueKind() == JsonValueKind.False,
            $"{type}{at} forbids unknown properties");
        foreach (var keyword in new[] { "properties", "patternProperties" })
        {
            if (schema[keyword] is JsonObject properties)
            {
                foreach (var (name, property) in properties)
                {
                    var child = property!.AsObject();
                    Assert.True(child.ContainsKey("type"), $"{type}{at}.{name} has no type");
                    Assert.False(string.IsNullOrWhiteSpace((string?)child["description"]), $"{type}{at}.{name} has no description");
                    AssertDescribed(type, $"{at}.{name}", child);
                }
            }
        }
        if (schema["items"] is JsonObject items)
        {
            AssertDescribed(type, $"{at}[]", items);
        }
    }

    private static string Describe(ValidationErrors errors)
    {
        try
        {
            errors.ThrowIfAny();
            return "";
        }
        catch (RequestRejectedException e)
        {
            return string.Join("; ", e.Errors!.Select(p => $"{p.Key}: {string.Join(" ", p.Value)}"));
        }
    }
}
