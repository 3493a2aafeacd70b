using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Grains.Validation;

namespace Qase.Webhooks.Api.Webhooks;

/// <summary>
/// The body of <c>rotate-secret</c>, all optional: <c>secret</c> (absent: one is generated) and <c>overlap</c>, an ISO 8601
/// duration (<c>PT12H</c>, <c>P2D</c>) or <c>hh:mm:ss</c> with any number of hours (<c>36:00:00</c>).
/// </summary>
public sealed partial class RotateSecretRequest
{
    public string? Secret { get; set; }

    public string? Overlap { get; set; }

    /// <summary>The rotation asked for; the grain checks the secret and the overlap's range.</summary>
    public SecretRotation ToRotation() => new(Secret, Overlap is null ? null : ParseOverlap(Overlap));

    private static TimeSpan ParseOverlap(string text)
    {
        if (text.StartsWith('P') || text.StartsWith("-P", StringComparison.Ordinal))
        {
            try
            {
                return XmlConvert.ToTimeSpan(text);
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                throw Invalid();
            }
        }
        var clock = Clock().Match(text);
        if (!clock.Success)
        {
            throw Invalid();
        }
        int Part(int group) => int.Parse(clock.Groups[group].Value, CultureInfo.InvariantCulture);
        var fraction = clock.Groups[4].Success ? double.Parse("0" + clock.Groups[4].Value, CultureInfo.InvariantCulture) : 0;
        return TimeSpan.FromHours(Part(1)) + TimeSpan.FromMinutes(Part(2)) + TimeSpan.FromSeconds(Part(3) + fraction);
    }

    private static RequestRejectedException Invalid() =>
        RequestRejectedException.Invalid(new Dictionary<string, string[]> { ["overlap"] = [FieldRules.OverlapRule] });

    [GeneratedRegex(@"^(\d{1,4}):([0-5]\d):([0-5]\d)(\.\d{1,7})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Clock();
}
