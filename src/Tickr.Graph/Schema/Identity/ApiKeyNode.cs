using Tickr.Domain.Identity;
using Tickr.Graph.Schema.Identity.Loaders;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>
/// A partner's key to act for an organization. The secret itself is shown once, by <c>createApiKey</c>; Tickr keeps
/// only its hash. Send it as <c>X-Api-Key: tkr_…</c> (or <c>Authorization: ApiKey tkr_…</c>).
/// </summary>
[GraphQLName("ApiKey")]
public sealed class ApiKeyNode(ApiKey key) : INode
{
    public const string TypeName = "ApiKey";

    /// <summary>The key's global id.</summary>
    public string Id => GlobalId.Encode(TypeName, key.Id);

    /// <summary>What the key is for, as its creator named it.</summary>
    public string Name => key.Name;

    /// <summary>The start of the key (<c>tkr_</c> and 12 characters): recognises it without revealing it.</summary>
    public string Prefix => key.Prefix;

    /// <summary>What the key may do.</summary>
    public ApiKeyScope Scope => key.Scope;

    /// <summary>When the key was created.</summary>
    public DateTimeOffset CreatedAt => key.CreatedAt;

    /// <summary>When the key stops working by itself; null for never.</summary>
    public DateTimeOffset? ExpiresAt => key.ExpiresAt;

    /// <summary>When the key was last used, to the minute; null when never.</summary>
    public DateTimeOffset? LastUsedAt => key.LastUsedAt;

    /// <summary>When the key was revoked; null while it works.</summary>
    public DateTimeOffset? RevokedAt => key.RevokedAt;

    /// <summary>The organization the key acts for.</summary>
    public async Task<OrganizationNode> GetOrganizationAsync(OrganizationByIdLoader organizations)
    {
        ArgumentNullException.ThrowIfNull(organizations);
        var organization = await organizations.LoadAsync(key.OrganizationId)
            ?? throw new InvalidOperationException($"API key {key.Id} has no organization {key.OrganizationId}.");
        return new OrganizationNode(organization);
    }
}
