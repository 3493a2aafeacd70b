using Qase.Webhooks.Grains.Validation;

namespace Qase.Webhooks.Tests.Rules;

public sealed class StoredTextTests
{
    [Theory]
    [InlineData("plain text, tabs\tand\r\nline breaks", "plain text, tabs\tand\r\nline breaks")]
    [InlineData("a\0b", "a\uFFFDb")]
    [InlineData("\u001b[31mred\u007f\u0085", "\uFFFD[31mred\uFFFD\uFFFD")]
    [InlineData("pair \ud83d\ude00 kept", "pair \ud83d\ude00 kept")]
    public void Text_is_kept_readable(string text, string expected) => Assert.Equal(expected, StoredText.Clean(text));

    [Fact]
    public void Lone_surrogates_are_replaced()
    {
        // Built at run time: attribute arguments cannot carry a lone surrogate.
        var text = "lone " + (char)0xD800 + " high and " + (char)0xDC00 + " low";
        Assert.Equal("lone \uFFFD high and \uFFFD low", StoredText.Clean(text));
    }

    [Fact]
    public void Clean_text_is_the_same_instance_and_null_stays_null()
    {
        var text = "already fine";
        Assert.Same(text, StoredText.Clean(text));
        Assert.Null(StoredText.Clean(null));
    }

    [Fact]
    public void Long_text_is_cut_with_an_ellipsis_without_splitting_a_pair()
    {
        Assert.Equal("abc…", StoredText.Clean("abcdefgh", 4));
        Assert.Equal("ab\uFFFD…", StoredText.Clean("ab\ud83d\ude00cd", 4));
    }
}
