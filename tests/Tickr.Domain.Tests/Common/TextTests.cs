using Tickr.Domain.Common;

namespace Tickr.Domain.Tests.Common;

public sealed class TextTests
{
    [Theory]
    [InlineData("Théâtre Municipal", "Theatre Municipal")]
    [InlineData("Ça, où, naïve, Noël", "Ca, ou, naive, Noel")]
    [InlineData("Œuvre, cœur", "OEuvre, coeur")]
    [InlineData("plain", "plain")]
    public void Diacritics_are_removed_and_ligatures_spelled_out(string text, string expected)
    {
        Assert.Equal(expected, Text.RemoveDiacritics(text));
    }

    [Fact]
    public void Malformed_UTF16_is_replaced_not_thrown_on()
    {
        // In code, not [InlineData]: attribute strings are stored as UTF-8, which cannot carry a lone surrogate.
        Assert.Equal("caf\uFFFD", Text.RemoveDiacritics("caf\uD83C"));
        Assert.Equal("\uFFFDcafe", Text.RemoveDiacritics("\uDFABcafé"));
        Assert.Equal("\uFFFD\uFFFD", Text.RemoveDiacritics("\uDFAB\uD83C"));
        Assert.Equal("🎫 cafe", Text.RemoveDiacritics("🎫 café"));
    }

    [Fact]
    public void A_required_text_is_trimmed_and_refused_when_empty_or_too_long()
    {
        Assert.Equal("Carthage", Text.Required("  Carthage \n", "title", 10));
        Expect.Refusal(DomainErrorCode.InvalidValue, "title", () => Text.Required("   ", "title", 10));
        Expect.Refusal(DomainErrorCode.InvalidValue, "title", () => Text.Required(null, "title", 10));
        Expect.Refusal(DomainErrorCode.InvalidValue, "title", () => Text.Required("12345678901", "title", 10));
    }

    [Fact]
    public void An_optional_text_is_trimmed_and_empty_becomes_null()
    {
        Assert.Null(Text.Optional("  ", "description", 10));
        Assert.Null(Text.Optional(null, "description", 10));
        Assert.Equal("x", Text.Optional(" x ", "description", 10));
        Expect.Refusal(DomainErrorCode.InvalidValue, "description", () => Text.Optional("12345678901", "description", 10));
    }
}
