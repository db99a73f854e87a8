using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tickr.Data;
using Tickr.Domain.Identity;

namespace Tickr.Graph.Auth;

/// <summary>
/// Authenticates a partner's API key (<c>X-Api-Key: tkr_…</c> or <c>Authorization: ApiKey tkr_…</c>): the key is found
/// by its prefix, then its secret, expiry and revocation are checked by <see cref="ApiKey.Accepts"/> (a fixed-time
/// comparison of hashes). The principal carries the claims <see cref="Actor.From"/> reads. A presented key that is
/// not accepted fails authentication, and <see cref="RejectInvalidCredentialsMiddleware"/> answers 401.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<TickrDbContext> contexts,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>The header partners send their key in.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>Recording every use would write on every request; a minute's precision is enough for "last used".</summary>
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    /// <summary>Whether the request presents an API key (so this scheme, not the bearer one, must judge it).</summary>
    public static bool IsPresented(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.ContainsKey(HeaderName)
            || request.Headers.Authorization.ToString().StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase);
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Read(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }
        var prefix = ApiKey.PrefixOf(presented);
        if (prefix is null || presented.Length > 200)
        {
            return AuthenticateResult.Fail("The API key is malformed.");
        }
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(Context.RequestAborted).ConfigureAwait(false);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Prefix == prefix, Context.RequestAborted).ConfigureAwait(false);
        if (key is null || !key.Accepts(presented, now))
        {
            return AuthenticateResult.Fail("The API key is invalid, expired or revoked.");
        }
        if (key.LastUsedAt is not { } last || now - last >= LastUsedPrecision)
        {
            var stale = now - LastUsedPrecision;
            // Conditional, so concurrent requests of one key write at most once a minute between them.
            await db.ApiKeys
                .Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt <= stale))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted)
                .ConfigureAwait(false);
        }
        var identity = new ClaimsIdentity(
            [
                new Claim(TickrClaimTypes.ApiKeyId, key.Id.ToString()),
                new Claim(TickrClaimTypes.OrganizationId, key.OrganizationId.ToString()),
                new Claim(TickrClaimTypes.ApiKeyScope, key.Scope.ToString()),
                new Claim(TickrClaimTypes.Name, key.Prefix),
            ],
            SchemeName,
            TickrClaimTypes.Name,
            TickrClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = SchemeName;
        return Task.CompletedTask;
    }

    private static string? Read(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header))
        {
            return header.ToString().Trim();
        }
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase)
            ? authorization[(SchemeName.Length + 1)..].Trim()
            : null;
    }
}
