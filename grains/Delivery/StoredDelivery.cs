using Qase.Webhooks.Contracts.Delivery;
namespace Qase.Webhooks.Grains.Delivery;

/// <summary>A delivery as the store has it: the log record, the body sent, and the attempts oldest first.</summary>
public sealed record StoredDelivery(DeliveryRecord Record, byte[] Body, IReadOnlyList<DeliveryAttempt> Attempts);
