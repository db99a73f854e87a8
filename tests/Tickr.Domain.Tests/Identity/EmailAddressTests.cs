using Tickr.Domain.Common;
using Tickr.Domain.Identity;

namespace Tickr.Domain.Tests.Identity;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("  Ali.BenSalah@Example.TN ", "ali.bensalah@example.tn")]
    [InlineData("a+tickets@mail.example.com", "a+tickets@mail.example.com")]
    public void Addresses_are_compared_trimmed_and_lower_case(string given, string normalized)
    {
        Assert.Equal(normalized, EmailAddress.Normalize(given));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("ali")]
    [InlineData("ali@")]
    [InlineData("ali@tn")]
    [InlineData("Ali <ali@example.tn>")]
    [InlineData("ali@example.tn, bob@example.tn")]
    [InlineData("a b@example.tn")]
    public void Anything_but_one_plain_address_is_refused(string? given)
    {
        Assert.False(EmailAddress.IsValid(given?.Trim().ToLowerInvariant()));
        Expect.Refusal(DomainErrorCode.InvalidValue, "email", () => EmailAddress.Normalize(given));
    }

    [Fact]
    public void An_address_is_at_most_254_characters()
    {
        var local = new string('a', 64);
        var domain = string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".tn";
        var tooLong = local + "@" + domain;
        Assert.True(tooLong.Length > EmailAddress.MaxLength);
        Assert.False(EmailAddress.IsValid(tooLong));
    }
}
