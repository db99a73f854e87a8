using System.Security.Cryptography;
using System.Text;
using Tickr.Domain.Common;

namespace Tickr.Domain.Identity;

/// <summary>What a partner's API key may do.</summary>
public enum ApiKeyScope
{
    /// <summary>Queries only: the organization's events, drafts included, and their data.</summary>
    ReadOnly,

    /// <summary>Queries and the mutations an event manager may run.</summary>
    ReadWrite,
}

/// <summary>
/// A partner's key to act for an organization. The secret is shown once at creation; only its SHA-256 is kept (the
/// secret has 256 random bits, so a slow password hash adds nothing). <see cref="Prefix"/> finds the row and is
/// safe to show in listings.
/// </summary>
public sealed class ApiKey
{
    /// <summary>Every key starts with this, so leaked keys are easy to recognise in logs and code scanners.</summary>
    public const string KeyPrefix = "tkr_";
    private const int PrefixIdLength = 12;

    private ApiKey() { }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary><c>tkr_</c> plus 12 characters: identifies the key without revealing it.</summary>
    public string Prefix { get; private set; } = "";

    public byte[] SecretHash { get; private set; } = [];

    public ApiKeyScope Scope { get; private set; }

    public Guid CreatedByUserId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ExpiresAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>A new key and its secret (returned once, never stored).</summary>
    public static (ApiKey Key, string Secret) Create(Guid organizationId, string name, ApiKeyScope scope, Guid createdBy, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        if (expiresAt is { } e && e <= now)
        {
            throw new DomainException(DomainErrorCode.InvalidPeriod, "expiresAt must be in the future.", "expiresAt");
        }
        var prefix = KeyPrefix + Base62(RandomNumberGenerator.GetBytes(9))[..PrefixIdLength];
        var secret = prefix + "_" + Base62(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            Name = Text.Required(name, "name", 80),
            Prefix = prefix,
            SecretHash = Hash(secret),
            Scope = scope,
            CreatedByUserId = createdBy,
            CreatedAt = now,
            ExpiresAt = Period.Utc(expiresAt),
        };
        return (key, secret);
    }

    /// <summary>The prefix part of a presented key, or null when it is not shaped like a Tickr key.</summary>
    public static string? PrefixOf(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var end = KeyPrefix.Length + PrefixIdLength;
        return presented.Length > end + 1 && presented.StartsWith(KeyPrefix, StringComparison.Ordinal) && presented[end] == '_'
            ? presented[..end]
            : null;
    }

    /// <summary>Whether <paramref name="presented"/> is this key's secret and the key is usable at <paramref name="now"/>.</summary>
    public bool Accepts(string presented, DateTimeOffset now) =>
        IsActiveAt(now) && CryptographicOperations.FixedTimeEquals(Hash(presented), SecretHash);

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } e || now < e);

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    public void MarkUsed(DateTimeOffset now) => LastUsedAt = now;

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Base62(byte[] bytes)
    {
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        var value = new System.Numerics.BigInteger(bytes, isUnsigned: true);
        var sb = new StringBuilder();
        do
        {
            sb.Insert(0, alphabet[(int)(value % 62)]);
            value /= 62;
        }
        while (value > 0);
        // Left-pad so every key of a given byte length has the same length.
        var length = (int)Math.Ceiling(bytes.Length * 8 / Math.Log2(62));
        return sb.ToString().PadLeft(length, '0');
    }
}
