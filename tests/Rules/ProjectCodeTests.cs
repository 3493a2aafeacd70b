using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Webhooks;

namespace Qase.Webhooks.Tests.Rules;

public sealed class ProjectCodeTests
{
    [Theory]
    [InlineData("DEMO")]
    [InlineData("QA2")]
    [InlineData("AB")]                       // shortest
    [InlineData("ABCDEFGHIJ")]               // longest
    [InlineData("A123456789")]
    [InlineData("demo")]                     // matched case-insensitively
    [InlineData("qA2")]
    public void Accepts_two_to_ten_latin_letters_and_digits_starting_with_a_letter(string code) =>
        Assert.True(ProjectCode.IsValid(code), $"'{code}' should be valid");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("A")]                        // too short
    [InlineData("ABCDEFGHIJK")]              // 11 characters
    [InlineData("2QA")]                      // starts with a digit
    [InlineData("12")]
    [InlineData("DE-MO")]
    [InlineData("DE_MO")]
    [InlineData("DE MO")]
    [InlineData(" DEMO")]
    [InlineData("DEMO ")]
    [InlineData("DÉMO")]                     // not Latin ASCII
    [InlineData("ДЕМО")]
    [InlineData("DEMO/X")]
    [InlineData("DE\u0661")]                 // an Arabic-Indic digit
    public void Refuses_anything_else(string? code) =>
        Assert.False(ProjectCode.IsValid(code), $"'{code}' should be invalid");

    [Theory]
    [InlineData("demo", "DEMO")]
    [InlineData("Qa2", "QA2")]
    [InlineData("DEMO", "DEMO")]
    public void Normalizes_to_upper_case(string code, string expected) =>
        Assert.Equal(expected, ProjectCode.Normalize(code));

    [Fact]
    public void Grain_keys_of_a_project_carry_the_workspace_and_the_upper_case_code()
    {
        Assert.Equal("ws_1/DEMO", GrainKeys.Project("ws_1", "demo"));
        Assert.Equal("ws_1/DEMO/wh_9", GrainKeys.Webhook("ws_1", "Demo", "wh_9"));
        Assert.Equal(("ws_1", "DEMO"), GrainKeys.ParseProject("ws_1/DEMO"));
        Assert.Equal(("ws_1", "DEMO", "wh_9"), GrainKeys.ParseWebhook("ws_1/DEMO/wh_9"));
        Assert.NotEqual(GrainKeys.Project("ws_1", "DEMO"), GrainKeys.Project("ws_2", "DEMO"));
    }
}
