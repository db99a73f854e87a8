using Tickr.Domain.Catalog;
using Tickr.Domain.Common;

namespace Tickr.Domain.Tests.Catalog;

public sealed class CodesTests
{
    [Theory]
    [InlineData(" summer27 ", "SUMMER27")]
    [InlineData("vip_2027-b", "VIP_2027-B")]
    [InlineData("abc", "ABC")]
    public void What_a_buyer_types_is_compared_trimmed_and_upper_case(string typed, string code)
    {
        Assert.Equal(code, Codes.Normalize(typed, "code"));
        Assert.Equal(code, Codes.TryNormalize(typed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ab")]
    [InlineData("two words")]
    [InlineData("ÉTÉ")]
    [InlineData("🎫🎫🎫")]
    public void What_cannot_be_a_code_is_refused_or_null(string? typed)
    {
        Assert.Null(Codes.TryNormalize(typed));
        Expect.Refusal(DomainErrorCode.InvalidValue, "code", () => Codes.Normalize(typed, "code"));
    }

    [Fact]
    public void A_code_is_at_most_40_characters()
    {
        Assert.NotNull(Codes.TryNormalize(new string('A', Codes.MaxLength)));
        Assert.Null(Codes.TryNormalize(new string('A', Codes.MaxLength + 1)));
    }
}
