namespace Qase.Webhooks.Grains.Validation;

/// <summary>
/// The one rule for text that a receiver or a tenant supplied and the service keeps: valid UTF-16 (so valid
/// UTF-8 once encoded), with NUL and every other control character but tab and line breaks replaced by U+FFFD.
/// PostgreSQL refuses NUL in text, and a log nobody can read helps nobody.
/// </summary>
public static class StoredText
{
    public const char Replacement = '\uFFFD';

    /// <summary>The text made safe to store, cut to <paramref name="maxLength"/> characters when given.</summary>
    public static string? Clean(string? text, int maxLength = int.MaxValue)
    {
        if (text is null)
        {
            return null;
        }
        var cut = text.Length > maxLength;
        var length = cut ? maxLength - 1 : text.Length;
        if (!cut && IsClean(text))
        {
            return text;
        }
        return string.Create(cut ? maxLength : length, (text, length, cut), static (span, input) =>
        {
            var (source, count, cut) = input;
            for (var i = 0; i < count; i++)
            {
                var c = source[i];
                if (char.IsHighSurrogate(c) && i + 1 < source.Length && char.IsLowSurrogate(source[i + 1]) && i + 1 < count)
                {
                    span[i] = c;
                    span[++i] = source[i];
                }
                else
                {
                    span[i] = IsAllowed(c) ? c : Replacement;
                }
            }
            if (cut)
            {
                span[^1] = '…';
            }
        });
    }

    private static bool IsClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!IsAllowed(c))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsAllowed(char c) => !char.IsSurrogate(c) && (!char.IsControl(c) || c is '\t' or '\n' or '\r');
}
