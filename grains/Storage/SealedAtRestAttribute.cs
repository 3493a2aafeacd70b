namespace Qase.Webhooks.Grains.Storage;

/// <summary>
/// A grain state that carries secrets (webhook secrets, private keys): a durable grain storage keeps it only
/// encrypted. Marking the whole state, rather than its fields, keeps every field added later covered too.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SealedAtRestAttribute : Attribute;
