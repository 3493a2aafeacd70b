namespace Qase.Webhooks.Contracts.Catalog;

/// <summary>One kind of event a project publishes and a webhook subscribes to.</summary>
/// <param name="Name">The wire name, e.g. <c>run.completed</c>.</param>
/// <param name="Group">The settings-page group it is listed under, e.g. <c>Test runs</c>.</param>
/// <param name="Title">The label users see, e.g. <c>Complete test run</c>.</param>
/// <param name="Example">A payload of this type as compact JSON text; it validates against <see cref="Schema"/>, and test deliveries send it.</param>
/// <param name="Schema">The JSON Schema (2020-12) of the type's payload, self-contained, as compact JSON text; unknown properties are allowed.</param>
[GenerateSerializer, Immutable, Alias("qase.EventType")]
public sealed record EventType(
    [property: Id(0)] string Name,
    [property: Id(1)] string Group,
    [property: Id(2)] string Title,
    [property: Id(3)] string Example,
    [property: Id(40)] string Schema);
