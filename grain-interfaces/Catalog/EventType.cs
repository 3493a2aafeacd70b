namespace Qase.Webhooks.Contracts.Catalog;

/// <summary>One kind of event a project publishes and a webhook subscribes to.</summary>
/// <param name="Name">The wire name, e.g. <c>run.completed</c>.</param>
/// <param name="Group">The settings-page group it is listed under, e.g. <c>Test runs</c>.</param>
/// <param name="Title">The label users see, e.g. <c>Complete test run</c>.</param>
/// <param name="SamplePayload">A JSON object shaped like the payload Qase documents for it, sent by test deliveries.</param>
[GenerateSerializer, Immutable, Alias("qase.EventType")]
public sealed record EventType(
    [property: Id(0)] string Name,
    [property: Id(1)] string Group,
    [property: Id(2)] string Title,
    [property: Id(3)] string SamplePayload);
