using System.Security.Cryptography;
using System.Text;
using Tickr.Domain.Identity;

namespace Tickr.Domain.Tests.Identity;

public sealed class RefreshTokenTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);
    private static readonly Guid UserId = Guid.NewGuid();

    [Fact]
    public void A_token_is_usable_until_it_expires()
    {
        var (token, _) = RefreshToken.Issue(UserId, Lifetime, Now);

        Assert.Equal(Now + Lifetime, token.ExpiresAt);
        Assert.True(token.IsUsableAt(Now));
        Assert.True(token.IsUsableAt(token.ExpiresAt.AddTicks(-1)));
        Assert.False(token.IsUsableAt(token.ExpiresAt));
    }

    [Fact]
    public void A_used_or_revoked_token_is_not_usable()
    {
        var (used, _) = RefreshToken.Issue(UserId, Lifetime, Now);
        used.With(nameof(RefreshToken.UsedAt), Now.AddHours(1));
        var (revoked, _) = RefreshToken.Issue(UserId, Lifetime, Now);
        revoked.With(nameof(RefreshToken.RevokedAt), Now.AddHours(1));

        Assert.False(used.IsUsableAt(Now.AddHours(2)));
        Assert.False(revoked.IsUsableAt(Now.AddHours(2)));
    }

    [Fact]
    public void Only_the_SHA256_of_the_value_is_kept()
    {
        var (token, value) = RefreshToken.Issue(UserId, Lifetime, Now);

        Assert.Equal(RefreshToken.Hash(value), token.TokenHash);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(value)), token.TokenHash);
        Assert.Equal(32, token.TokenHash.Length);
        Assert.NotEqual(RefreshToken.Hash(value + "x"), token.TokenHash);
        Assert.Throws<ArgumentNullException>(() => RefreshToken.Hash(null!));
    }

    [Fact]
    public void Values_are_256_random_bits_in_URL_safe_base64()
    {
        var values = Enumerable.Range(0, 50).Select(_ => RefreshToken.Issue(UserId, Lifetime, Now).Value).ToList();
        Assert.All(values, v => Assert.Matches("^[A-Za-z0-9_-]{43}$", v));
        Assert.Equal(50, values.Distinct().Count());
    }

    [Fact]
    public void A_login_starts_a_family_and_a_rotation_continues_it()
    {
        var (first, _) = RefreshToken.Issue(UserId, Lifetime, Now);
        var (second, _) = RefreshToken.Issue(UserId, first.FamilyId, Lifetime, Now.AddDays(1));
        var (otherLogin, _) = RefreshToken.Issue(UserId, Lifetime, Now);

        Assert.Equal(first.FamilyId, second.FamilyId);
        Assert.NotEqual(first.FamilyId, otherLogin.FamilyId);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(UserId, second.UserId);
    }
}
