using System.Security.Cryptography;
using System.Text;

namespace Tickr.Domain.Identity;

/// <summary>
/// A refresh token: long-lived, single use, stored as a hash. Each refresh rotates it (the old one is marked used and
/// replaced); tokens descending from one login share a <see cref="FamilyId"/>. Presenting a token that was already
/// rotated means someone kept a copy: the whole family is revoked, for the thief and the owner alike.
/// </summary>
public sealed class RefreshToken
{
    private RefreshToken() { }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    /// <summary>The login this token descends from; revoking a family logs that session out everywhere.</summary>
    public Guid FamilyId { get; private set; }

    public byte[] TokenHash { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>When the token was exchanged for a new one; a second exchange is a reuse.</summary>
    public DateTimeOffset? UsedAt { get; private set; }

    public Guid? ReplacedById { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public string? RevokedReason { get; private set; }

    /// <summary>A token for a new login (a new family), and its value (returned once, never stored).</summary>
    public static (RefreshToken Token, string Value) Issue(Guid userId, TimeSpan lifetime, DateTimeOffset now) =>
        Issue(userId, Guid.CreateVersion7(now), lifetime, now);

    /// <summary>A token continuing a family (after a rotation).</summary>
    public static (RefreshToken Token, string Value) Issue(Guid userId, Guid familyId, TimeSpan lifetime, DateTimeOffset now)
    {
        var value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = new RefreshToken
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            FamilyId = familyId,
            TokenHash = Hash(value),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        return (token, value);
    }

    public static byte[] Hash(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return SHA256.HashData(Encoding.UTF8.GetBytes(value));
    }

    public bool IsUsableAt(DateTimeOffset now) => UsedAt is null && RevokedAt is null && now < ExpiresAt;
}
