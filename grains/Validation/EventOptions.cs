namespace Qase.Webhooks.Grains.Validation;

/// <summary>The <c>Events:*</c> configuration keys: what is checked in a published event beyond its envelope.</summary>
public sealed class EventOptions
{
    public const string Section = "Events";

    /// <summary>
    /// Checks each published payload against its type's JSON Schema and refuses one that does not match, naming the
    /// JSON path. Off by default: Qase's payloads are passed through as they are, whatever their fields.
    /// </summary>
    public bool ValidatePayloads { get; set; }
}
