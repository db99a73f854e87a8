using System.Security.Claims;
using Tickr.Domain.Identity;

namespace Tickr.Graph.Auth;

/// <summary>
/// Who is calling: a signed-in user (an access token's <c>sub</c>), a partner's API key acting for one organization,
/// or nobody. Built from the request's principal; decides nothing by itself (see <see cref="Access"/>).
/// </summary>
public sealed class Actor
{
    public static readonly Actor Anonymous = new(null, null);

    private Actor(Guid? userId, ApiKeyActor? apiKey, string? email = null)
    {
        UserId = userId;
        ApiKey = apiKey;
        Email = email;
    }

    /// <summary>The signed-in user's email, from the access token (null for API keys and anonymous callers).</summary>
    public string? Email { get; }

    /// <summary>The signed-in user; null for anonymous callers and API keys.</summary>
    public Guid? UserId { get; }

    /// <summary>The API key acting; null unless the request authenticated with one.</summary>
    public ApiKeyActor? ApiKey { get; }

    public bool IsAuthenticated => UserId is not null || ApiKey is not null;

    public static Actor From(ClaimsPrincipal? principal)
    {
        if (principal is not { Identity.IsAuthenticated: true })
        {
            return Anonymous;
        }
        if (principal.FindFirst(TickrClaimTypes.ApiKeyId)?.Value is { } keyId
            && Guid.TryParse(keyId, out var key)
            && Guid.TryParse(principal.FindFirst(TickrClaimTypes.OrganizationId)?.Value, out var organization)
            && Enum.TryParse<ApiKeyScope>(principal.FindFirst(TickrClaimTypes.ApiKeyScope)?.Value, out var scope))
        {
            return new Actor(null, new ApiKeyActor(key, organization, scope));
        }
        // Tokens name users by their id; a token whose subject is not one names nobody Tickr knows.
        return Guid.TryParse(principal.FindFirst(TickrClaimTypes.Subject)?.Value, out var user)
            ? new Actor(user, null, principal.FindFirst(TickrClaimTypes.Email)?.Value)
            : Anonymous;
    }
}

/// <summary>An API key acting for its organization with its scope.</summary>
public sealed record ApiKeyActor(Guid KeyId, Guid OrganizationId, ApiKeyScope Scope);
