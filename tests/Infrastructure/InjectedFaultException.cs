namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>A failure a test asked for, so that it is never mistaken for a real one in a test's output.</summary>
public sealed class InjectedFaultException(string message) : Exception(message);
