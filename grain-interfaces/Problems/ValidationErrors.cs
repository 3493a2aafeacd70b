namespace Qase.Webhooks.Contracts.Problems;

/// <summary>Collects messages per request field and throws them together, so a caller sees every bad field at once.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>Whether no message was added.</summary>
    public bool IsEmpty => _errors.Count == 0;

    /// <summary>Adds a message about one field.</summary>
    /// <param name="field">The field as named on the wire, e.g. <c>events[1]</c>.</param>
    /// <param name="message">What is wrong, as a phrase that follows the field's name, e.g. <c>is required.</c></param>
    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(message);
    }

    /// <summary>Throws the collected messages as one rejection of <paramref name="kind"/> (a validation failure unless said otherwise).</summary>
    public void ThrowIfAny(ProblemKind kind = ProblemKind.Validation)
    {
        if (!IsEmpty)
        {
            var errors = _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
            throw kind == ProblemKind.Validation
                ? RequestRejectedException.Invalid(errors)
                : new RequestRejectedException(kind, "One or more fields are over their size limit.", errors);
        }
    }
}
