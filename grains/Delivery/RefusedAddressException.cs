namespace Qase.Webhooks.Grains.Delivery;

/// <summary>The endpoint's host resolved only to addresses deliveries may not reach.</summary>
public sealed class RefusedAddressException(string message) : IOException(message);
