namespace Qase.Webhooks.Contracts.Projects;

/// <summary>Project codes: 2 to 10 upper-case Latin letters and digits, starting with a letter, matched case-insensitively.</summary>
public static class ProjectCode
{
    /// <summary>Whether <paramref name="code"/> is a valid code in any case (<c>DEMO</c>, <c>qa2</c>); <c>null</c> is not.</summary>
    public static bool IsValid(string? code) =>
        code is { Length: >= 2 and <= 10 }
        && char.IsAsciiLetter(code[0])
        && code.All(char.IsAsciiLetterOrDigit);

    /// <summary>The canonical (upper-case) form of a code.</summary>
    public static string Normalize(string code) => code.ToUpperInvariant();
}
