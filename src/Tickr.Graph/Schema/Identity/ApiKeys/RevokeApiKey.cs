using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Graph.Schema.Errors;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>The API key to revoke.</summary>
public sealed class RevokeApiKeyInput
{
    /// <summary>The key's id.</summary>
    [ID]
    public required string ApiKeyId { get; init; }
}

/// <summary>The result of <c>revokeApiKey</c>.</summary>
public sealed class RevokeApiKeyPayload
{
    /// <summary>The key, now revoked; null when the revocation failed.</summary>
    public ApiKeyNode? ApiKey { get; init; }

    /// <summary>Why the revocation failed; empty on success.</summary>
    public IReadOnlyList<IRevokeApiKeyError> Errors { get; init; } = [];
}

/// <summary>A reason <c>revokeApiKey</c> failed.</summary>
[UnionType("RevokeApiKeyError")]
public interface IRevokeApiKeyError;

/// <summary><c>revokeApiKey</c>.</summary>
[MutationType]
public sealed class RevokeApiKeyMutation
{
    /// <summary>
    /// Revokes an API key at once: its next request is refused with 401. Owners of its organization only; revoking a
    /// revoked key changes nothing.
    /// </summary>
    public async Task<RevokeApiKeyPayload> RevokeApiKeyAsync(
        [GraphQLDescription("The key.")] RevokeApiKeyInput input,
        [Service] IDbContextFactory<TickrDbContext> contexts,
        [Service] TimeProvider clock,
        IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(context);
        context.RequireUserId();
        if (!GlobalId.TryDecode(input.ApiKeyId, ApiKeyNode.TypeName, out var keyId))
        {
            return Failed(IdentityErrors.NotFound("API key", input.ApiKeyId));
        }
        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, context.CancellationToken);
        // Keys are private to their organization's owners: to anyone else, someone else's key does not exist.
        if (key is null || !await context.GetAccess().CanManageApiKeysAsync(key.OrganizationId, context.CancellationToken))
        {
            return Failed(IdentityErrors.NotFound("API key", input.ApiKeyId));
        }
        key.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(context.CancellationToken);
        return new RevokeApiKeyPayload { ApiKey = new ApiKeyNode(key) };
    }

    private static RevokeApiKeyPayload Failed(IUserError error) => new() { Errors = [UserError.As<IRevokeApiKeyError>(error)] };
}
