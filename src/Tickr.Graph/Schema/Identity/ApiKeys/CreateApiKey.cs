using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Common;
using Tickr.Domain.Identity;
using Tickr.Graph.Schema.Errors;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>A new API key for a partner.</summary>
public sealed class CreateApiKeyInput
{
    /// <summary>The organization the key will act for.</summary>
    [ID]
    public required string OrganizationId { get; init; }

    /// <summary>What the key is for (e.g. the partner's name; at most 80 characters).</summary>
    public required string Name { get; init; }

    /// <summary>READ_ONLY for queries only; READ_WRITE for the mutations an event manager may run.</summary>
    public required ApiKeyScope Scope { get; init; }

    /// <summary>When the key stops working by itself (in the future); absent for never.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>The result of <c>createApiKey</c>.</summary>
public sealed class CreateApiKeyPayload
{
    /// <summary>The new key; null when the creation failed.</summary>
    public ApiKeyNode? ApiKey { get; init; }

    /// <summary>
    /// The key's secret (<c>tkr_…</c>), to send as <c>X-Api-Key</c>. Shown only here: Tickr keeps only its hash, so a
    /// lost secret means a new key.
    /// </summary>
    public string? Secret { get; init; }

    /// <summary>Why the creation failed; empty on success.</summary>
    public IReadOnlyList<ICreateApiKeyError> Errors { get; init; } = [];
}

/// <summary>A reason <c>createApiKey</c> failed.</summary>
[UnionType("CreateApiKeyError")]
public interface ICreateApiKeyError;

/// <summary><c>createApiKey</c>.</summary>
[MutationType]
public sealed class CreateApiKeyMutation
{
    /// <summary>Creates an API key for a partner of the organization; owners only. The secret is returned once.</summary>
    public async Task<CreateApiKeyPayload> CreateApiKeyAsync(
        [GraphQLDescription("The organization, the key's name, scope and expiry.")] CreateApiKeyInput input,
        [Service] IDbContextFactory<TickrDbContext> contexts,
        [Service] TimeProvider clock,
        IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(context);
        var userId = context.RequireUserId();
        if (!GlobalId.TryDecode(input.OrganizationId, OrganizationNode.TypeName, out var organizationId))
        {
            return Failed(IdentityErrors.NotFound("organization", input.OrganizationId));
        }
        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, context.CancellationToken))
        {
            return Failed(IdentityErrors.NotFound("organization", input.OrganizationId));
        }
        if (!await context.GetAccess().CanManageApiKeysAsync(organizationId, context.CancellationToken))
        {
            return Failed(new NotAuthorizedError("Only the organization's owners can create API keys."));
        }
        ApiKey key;
        string secret;
        try
        {
            (key, secret) = ApiKey.Create(organizationId, input.Name ?? "", input.Scope, userId, input.ExpiresAt, clock.GetUtcNow());
        }
        catch (DomainException e)
        {
            return new CreateApiKeyPayload { Errors = UserError.From<ICreateApiKeyError>(e) };
        }
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(context.CancellationToken);
        return new CreateApiKeyPayload { ApiKey = new ApiKeyNode(key), Secret = secret };
    }

    private static CreateApiKeyPayload Failed(IUserError error) => new() { Errors = [UserError.As<ICreateApiKeyError>(error)] };
}
