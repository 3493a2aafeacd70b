using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Grains.Validation;

namespace Qase.Webhooks.Tests.Rules;

public sealed class FieldRulesTests
{
    [Theory]
    [InlineData("https://ci.example.com/qase")]
    [InlineData("http://example.com")]
    [InlineData("https://example.com:8443/a/b?c=d#e")]
    [InlineData("https://localhost/hook")]   // a name: checked when connecting, not here
    [InlineData("https://93.184.216.34/hook")]
    [InlineData("https://[2606:4700:4700::1111]/hook")]
    public void Url_accepts_absolute_http_and_https_urls(string url) =>
        Assert.Empty(Check(e => FieldRules.Url(e, "url", url, allowPrivateNetworks: false)));

    [Theory]
    [InlineData("ftp://example.com/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/hook")]
    [InlineData("example.com/hook")]
    [InlineData("mailto:owner@example.com")]
    [InlineData("https://user:pass@example.com/hook")]
    [InlineData("https://user@example.com/hook")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Url_refuses_what_is_not_an_absolute_http_url_without_credentials(string? url) =>
        Assert.Equal(["url"], Check(e => FieldRules.Url(e, "url", url, allowPrivateNetworks: true)).Keys);

    [Fact]
    public void Url_of_2048_characters_is_accepted_and_one_more_is_refused()
    {
        var prefix = "https://example.com/";
        var longest = prefix + new string('a', FieldRules.MaxUrlLength - prefix.Length);
        Assert.Empty(Check(e => FieldRules.Url(e, "url", longest, allowPrivateNetworks: false)));
        Assert.Equal(["url"], Check(e => FieldRules.Url(e, "url", longest + "a", allowPrivateNetworks: false)).Keys);
    }

    [Theory]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://10.0.0.5/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://192.168.1.1/")]
    [InlineData("http://0.0.0.0/")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[::]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/hook")]
    [InlineData("http://[2002:7f00:1::]/hook")]
    [InlineData("http://2130706433/hook")]   // 127.0.0.1 written as one number
    [InlineData("http://0x7f000001/hook")]   // ... in hexadecimal
    [InlineData("http://127.1/hook")]        // ... shortened
    public void Url_with_a_literal_private_address_is_refused_unless_private_networks_are_allowed(string url)
    {
        var refused = Check(e => FieldRules.Url(e, "url", url, allowPrivateNetworks: false));
        Assert.Equal(["url"], refused.Keys);
        Assert.Contains("address", refused["url"].Single());
        Assert.Empty(Check(e => FieldRules.Url(e, "url", url, allowPrivateNetworks: true)));
    }

    [Theory]
    [InlineData("s")]
    [InlineData("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData(" !\"#$%&'()*+,-./0123456789:;<=>?@AZ[\\]^_`az{|}~")]
    public void Secret_accepts_printable_ascii(string secret) =>
        Assert.Empty(Check(e => FieldRules.Secret(e, "secret", secret)));

    [Theory]
    [InlineData("")]
    [InlineData("line\nbreak")]
    [InlineData("tab\there")]
    [InlineData("nul\0")]
    [InlineData("del\u007f")]
    [InlineData("caf\u00e9")]
    [InlineData("emoji\U0001F600")]
    public void Secret_refuses_empty_and_non_printable_values(string secret) =>
        Assert.Equal(["secret"], Check(e => FieldRules.Secret(e, "secret", secret)).Keys);

    [Fact]
    public void Secret_of_255_characters_is_accepted_and_one_more_is_refused()
    {
        Assert.Empty(Check(e => FieldRules.Secret(e, "secret", new string('s', 255))));
        Assert.Equal(["secret"], Check(e => FieldRules.Secret(e, "secret", new string('s', 256))).Keys);
    }

    [Fact]
    public void Title_of_1_to_255_characters_is_accepted()
    {
        Assert.Empty(Check(e => FieldRules.Title(e, "title", "T")));
        Assert.Empty(Check(e => FieldRules.Title(e, "title", new string('t', 255))));
        Assert.Equal(["title"], Check(e => FieldRules.Title(e, "title", new string('t', 256))).Keys);
        Assert.Equal(["title"], Check(e => FieldRules.Title(e, "title", "")).Keys);
        Assert.Equal(["title"], Check(e => FieldRules.Title(e, "title", null)).Keys);
    }

    [Theory]
    [InlineData("owner@example.com", true)]
    [InlineData("first.last+tag@mail.example.co.uk", true)]
    [InlineData("owner", false)]
    [InlineData("owner@", false)]
    [InlineData("@example.com", false)]
    [InlineData("owner@localhost", false)]
    [InlineData("Owner <owner@example.com>", false)]
    [InlineData("owner@example.com, other@example.com", false)]
    [InlineData("", false)]
    public void Email_must_be_one_plain_address(string email, bool valid) =>
        Assert.Equal(valid, Check(e => FieldRules.Email(e, "notify_email", email, required: false)).Count == 0);

    [Fact]
    public void Email_is_required_only_when_asked()
    {
        Assert.Empty(Check(e => FieldRules.Email(e, "notify_email", null, required: false)));
        Assert.Equal(["owner_email"], Check(e => FieldRules.Email(e, "owner_email", null, required: true)).Keys);
    }

    [Fact]
    public void Events_names_each_unknown_entry_by_its_index_and_keeps_known_ones_once_in_order()
    {
        var errors = new ValidationErrors();
        var known = FieldRules.Events(errors, "events", ["run.completed", "nope", "case.created", "run.completed", null]);
        Assert.Equal(["run.completed", "case.created"], known);
        var failure = Assert.Throws<RequestRejectedException>(() => errors.ThrowIfAny());
        Assert.Equal(["events[1]", "events[4]"], failure.Errors!.Keys.Order());
        Assert.Contains("nope", failure.Errors["events[1]"].Single());
    }

    [Fact]
    public void Events_must_not_be_empty_or_missing()
    {
        Assert.Equal(["events"], Check(e => FieldRules.Events(e, "events", [])).Keys);
        Assert.Equal(["events"], Check(e => FieldRules.Events(e, "events", null)).Keys);
    }

    private static Dictionary<string, string[]> Check(Action<ValidationErrors> rule)
    {
        var errors = new ValidationErrors();
        rule(errors);
        if (errors.IsEmpty)
        {
            return [];
        }
        var failure = Assert.Throws<RequestRejectedException>(() => errors.ThrowIfAny());
        Assert.Equal(ProblemKind.Validation, failure.Kind);
        return failure.Errors!;
    }
}
