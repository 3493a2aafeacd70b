namespace Qase.Webhooks.Tests.Infrastructure;

public static class ReadableText
{
    /// <summary>Asserts text a person can read: no NUL, no control characters but line breaks and tabs, no broken UTF-16.</summary>
    public static void Assert(string? text, string what)
    {
        if (text is null)
        {
            return;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            Xunit.Assert.False(char.IsControl(c) && c is not ('\n' or '\r' or '\t'),
                $"{what} has control character U+{(int)c:X4} at {i}: {text[..Math.Min(text.Length, 200)]}");
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            Xunit.Assert.False(char.IsSurrogate(c), $"{what} has a lone surrogate at {i}");
        }
    }
}
