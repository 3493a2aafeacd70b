namespace Qase.Webhooks.Contracts.Events;

/// <summary>The answer to one published event: its id and how many webhooks it goes to.</summary>
[GenerateSerializer, Immutable, Alias("qase.PublishedEvent")]
public sealed record PublishedEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] int Webhooks);
