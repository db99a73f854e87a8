using System.Security.Cryptography;
using System.Text;
using Tickr.Domain.Common;
using Tickr.Domain.Identity;

namespace Tickr.Domain.Tests.Identity;

public sealed class ApiKeyTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid OrganizationId = Guid.NewGuid();
    private static readonly Guid Owner = Guid.NewGuid();

    private static (ApiKey Key, string Secret) Create(DateTimeOffset? expiresAt = null) =>
        ApiKey.Create(OrganizationId, "Billetterie partenaire", ApiKeyScope.ReadOnly, Owner, expiresAt, Now);

    [Fact]
    public void The_secret_is_returned_once_and_only_its_hash_is_kept()
    {
        var (key, secret) = Create();

        Assert.StartsWith(key.Prefix + "_", secret, StringComparison.Ordinal);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), key.SecretHash);
        Assert.NotEqual(Encoding.UTF8.GetBytes(secret), key.SecretHash);
        // Nothing the key exposes contains the secret part.
        var secretPart = secret[(key.Prefix.Length + 1)..];
        foreach (var property in typeof(ApiKey).GetProperties())
        {
            if (property.GetValue(key) is string text)
            {
                Assert.DoesNotContain(secretPart, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void A_key_looks_like_a_Tickr_key_and_its_prefix_is_safe_to_show()
    {
        var (key, secret) = Create();

        Assert.Matches("^tkr_[0-9A-Za-z]{12}$", key.Prefix);
        Assert.Matches("^tkr_[0-9A-Za-z]{12}_[0-9A-Za-z]{43}$", secret);
        Assert.Equal(key.Prefix, ApiKey.PrefixOf(secret));
        Assert.Equal("Billetterie partenaire", key.Name);
        Assert.Equal(ApiKeyScope.ReadOnly, key.Scope);
        Assert.Equal(Owner, key.CreatedByUserId);
    }

    [Fact]
    public void Every_key_is_different()
    {
        var keys = Enumerable.Range(0, 50).Select(_ => Create()).ToList();
        Assert.Equal(50, keys.Select(k => k.Key.Prefix).Distinct().Count());
        Assert.Equal(50, keys.Select(k => k.Secret).Distinct().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("tkr_")]
    [InlineData("tkr_123456789012")]
    [InlineData("tkr_123456789012_")]
    [InlineData("tkr_1234567890123_secret")]
    [InlineData("abc_123456789012_secret")]
    [InlineData("Bearer tkr_123456789012_secret")]
    public void Text_not_shaped_like_a_Tickr_key_has_no_prefix(string presented)
    {
        Assert.Null(ApiKey.PrefixOf(presented));
    }

    [Fact]
    public void A_key_accepts_its_secret_and_nothing_else()
    {
        var (key, secret) = Create();
        var (_, otherSecret) = Create();

        Assert.True(key.Accepts(secret, Now));
        Assert.False(key.Accepts(otherSecret, Now));
        Assert.False(key.Accepts(secret[..^1], Now));
        Assert.False(key.Accepts(secret + "x", Now));
        Assert.False(key.Accepts(secret.ToUpperInvariant(), Now));
        Assert.False(key.Accepts(key.Prefix, Now));
        Assert.False(key.Accepts("", Now));
    }

    [Fact]
    public void A_revoked_key_is_refused_even_with_its_secret()
    {
        var (key, secret) = Create();
        key.Revoke(Now.AddDays(1));
        key.Revoke(Now.AddDays(2));

        Assert.Equal(Now.AddDays(1), key.RevokedAt);
        Assert.False(key.IsActiveAt(Now.AddDays(1)));
        Assert.False(key.Accepts(secret, Now.AddDays(1)));
    }

    [Fact]
    public void An_expired_key_is_refused_from_its_expiry_on()
    {
        var expiresAt = Now.AddDays(30);
        var (key, secret) = Create(expiresAt);

        Assert.True(key.Accepts(secret, expiresAt.AddTicks(-1)));
        Assert.False(key.Accepts(secret, expiresAt));
        Assert.False(key.Accepts(secret, expiresAt.AddDays(1)));
    }

    [Fact]
    public void A_key_cannot_be_created_already_expired()
    {
        Expect.Refusal(DomainErrorCode.InvalidPeriod, "expiresAt", () => Create(Now));
        Expect.Refusal(DomainErrorCode.InvalidPeriod, "expiresAt", () => Create(Now.AddSeconds(-1)));
    }

    [Fact]
    public void A_key_needs_a_name()
    {
        Expect.Refusal(DomainErrorCode.InvalidValue, "name", () => ApiKey.Create(OrganizationId, " ", ApiKeyScope.ReadWrite, Owner, null, Now));
    }

    [Fact]
    public void Use_is_recorded()
    {
        var (key, _) = Create();
        Assert.Null(key.LastUsedAt);
        key.MarkUsed(Now.AddHours(1));
        Assert.Equal(Now.AddHours(1), key.LastUsedAt);
    }
}
