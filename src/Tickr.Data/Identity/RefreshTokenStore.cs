using Microsoft.EntityFrameworkCore;
using Tickr.Domain.Identity;

namespace Tickr.Data.Identity;

/// <summary>What happened to a presented refresh token.</summary>
public enum RefreshTokenStatus
{
    /// <summary>Exchanged: the presented token is used up and a new one continues its family.</summary>
    Rotated,

    /// <summary>No such token (garbage, or a token from another database).</summary>
    Unknown,

    /// <summary>The token's lifetime is over.</summary>
    Expired,

    /// <summary>The token's family was revoked (logout, password reset, or an earlier reuse).</summary>
    Revoked,

    /// <summary>The token had already been exchanged: someone kept a copy. Its whole family is now revoked.</summary>
    Reused,
}

/// <summary>The outcome of a rotation; <see cref="Token"/> and <see cref="ExpiresAt"/> are set when rotated.</summary>
/// <param name="Status">What happened.</param>
/// <param name="UserId">The token's user (empty when unknown).</param>
/// <param name="Token">The new token's value (returned once, never stored).</param>
/// <param name="ExpiresAt">When the new token expires.</param>
public sealed record RefreshTokenRotation(RefreshTokenStatus Status, Guid UserId, string? Token, DateTimeOffset ExpiresAt);

/// <summary>A newly issued refresh token's value and expiry.</summary>
/// <param name="Token">The value, returned once to the client.</param>
/// <param name="ExpiresAt">When it expires.</param>
public sealed record IssuedRefreshToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>
/// Refresh tokens: issuing, rotating and revoking. Rotation is a conditional UPDATE (<c>… WHERE used_at IS NULL AND
/// revoked_at IS NULL</c>) that must affect exactly one row, so of two concurrent exchanges of one token only one can
/// win, on PostgreSQL (the loser's UPDATE waits for the winner's row lock, then finds the row used) as on SQLite (one
/// writer at a time). The loser is treated like any other reuse: the family is revoked.
/// </summary>
public sealed class RefreshTokenStore(IDbContextFactory<TickrDbContext> contexts)
{
    /// <summary>Revocation reasons stored with the tokens (for audits).</summary>
    public static class Reasons
    {
        public const string Logout = "logout";
        public const string LogoutAll = "logout-all";
        public const string Reuse = "reuse";
        public const string PasswordReset = "password-reset";
        public const string TwoFactorChanged = "two-factor-changed";
    }

    /// <summary>A token starting a new family (a login).</summary>
    public async Task<IssuedRefreshToken> IssueAsync(Guid userId, TimeSpan lifetime, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var (token, value) = RefreshToken.Issue(userId, lifetime, now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.RefreshTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new IssuedRefreshToken(value, token.ExpiresAt);
    }

    /// <summary>Exchanges <paramref name="presented"/> for a new token of the same family, at most once.</summary>
    public async Task<RefreshTokenRotation> RotateAsync(string presented, TimeSpan lifetime, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(presented);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var hash = RefreshToken.Hash(presented);
        var current = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return new RefreshTokenRotation(RefreshTokenStatus.Unknown, Guid.Empty, null, default);
        }
        // A token already exchanged is a reuse whatever happened to its family since (even a revoked one).
        if (current.UsedAt is not null)
        {
            await RevokeFamilyAsync(db, current.FamilyId, now, Reasons.Reuse, cancellationToken).ConfigureAwait(false);
            return new RefreshTokenRotation(RefreshTokenStatus.Reused, current.UserId, null, default);
        }
        if (current.RevokedAt is not null)
        {
            return new RefreshTokenRotation(RefreshTokenStatus.Revoked, current.UserId, null, default);
        }
        if (current.ExpiresAt <= now)
        {
            return new RefreshTokenRotation(RefreshTokenStatus.Expired, current.UserId, null, default);
        }

        var (next, value) = RefreshToken.Issue(current.UserId, current.FamilyId, lifetime, now);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            var claimed = await db.RefreshTokens
                .Where(t => t.Id == current.Id && t.UsedAt == null && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.UsedAt, now)
                    .SetProperty(t => t.ReplacedById, next.Id), cancellationToken)
                .ConfigureAwait(false);
            if (claimed != 1)
            {
                // Another exchange of the same token won between our read and our update.
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                await RevokeFamilyAsync(db, current.FamilyId, now, Reasons.Reuse, cancellationToken).ConfigureAwait(false);
                return new RefreshTokenRotation(RefreshTokenStatus.Reused, current.UserId, null, default);
            }
            db.RefreshTokens.Add(next);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        return new RefreshTokenRotation(RefreshTokenStatus.Rotated, current.UserId, value, next.ExpiresAt);
    }

    /// <summary>
    /// Revokes the family of <paramref name="presented"/>, or every family of its user when <paramref name="allSessions"/>.
    /// Returns the token's user, or null when the token is unknown. Revoking a revoked family again changes nothing.
    /// </summary>
    public async Task<Guid?> RevokeAsync(string presented, bool allSessions, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(presented);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var hash = RefreshToken.Hash(presented);
        var token = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            return null;
        }
        if (allSessions)
        {
            await RevokeAllAsync(db, token.UserId, now, Reasons.LogoutAll, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await RevokeFamilyAsync(db, token.FamilyId, now, Reasons.Logout, cancellationToken).ConfigureAwait(false);
        }
        return token.UserId;
    }

    /// <summary>Revokes every live token of the user (password reset, security changes); returns how many.</summary>
    public async Task<int> RevokeAllAsync(Guid userId, DateTimeOffset now, string reason, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await RevokeAllAsync(db, userId, now, reason, cancellationToken).ConfigureAwait(false);
    }

    private static Task<int> RevokeAllAsync(TickrDbContext db, Guid userId, DateTimeOffset now, string reason, CancellationToken cancellationToken) =>
        db.RefreshTokens
            .Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now).SetProperty(t => t.RevokedReason, reason), cancellationToken);

    private static Task<int> RevokeFamilyAsync(TickrDbContext db, Guid familyId, DateTimeOffset now, string reason, CancellationToken cancellationToken) =>
        db.RefreshTokens
            .Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now).SetProperty(t => t.RevokedReason, reason), cancellationToken);
}
