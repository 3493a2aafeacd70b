namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>What an injected storage fault throws, so a test can tell it from a real failure.</summary>
public sealed class InjectedStorageException(string message) : Exception(message);
