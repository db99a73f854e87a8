using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Common;
using Tickr.Domain.Identity;
using Tickr.Graph.Schema.Errors;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>A new organization.</summary>
public sealed class CreateOrganizationInput
{
    /// <summary>The organization's name (at most 120 characters).</summary>
    public required string Name { get; init; }

    /// <summary>Its address in URLs: lower-case letters, digits and single hyphens. Made from the name when absent.</summary>
    public string? Slug { get; init; }

    /// <summary>What the organization presents of itself (at most 2,000 characters).</summary>
    public string? Description { get; init; }
}

/// <summary>The result of <c>createOrganization</c>.</summary>
public sealed class CreateOrganizationPayload
{
    /// <summary>The new organization, the caller its owner; null when the creation failed.</summary>
    public OrganizationNode? Organization { get; init; }

    /// <summary>Why the creation failed; empty on success.</summary>
    public IReadOnlyList<ICreateOrganizationError> Errors { get; init; } = [];
}

/// <summary>A reason <c>createOrganization</c> failed.</summary>
[UnionType("CreateOrganizationError")]
public interface ICreateOrganizationError;

/// <summary><c>createOrganization</c>.</summary>
[MutationType]
public sealed class CreateOrganizationMutation
{
    /// <summary>
    /// Creates an organization whose owner is the signed-in user: the first step of selling tickets. Needs a confirmed
    /// email address. The slug must be unique across Tickr.
    /// </summary>
    public async Task<CreateOrganizationPayload> CreateOrganizationAsync(
        [GraphQLDescription("The organization's name, slug and description.")] CreateOrganizationInput input,
        [Service] IDbContextFactory<TickrDbContext> contexts,
        [Service] TimeProvider clock,
        IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(context);
        var userId = context.RequireUserId();
        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, context.CancellationToken)
            ?? throw IdentityErrors.UnknownUser();
        if (!user.EmailConfirmed)
        {
            return Failed(new EmailNotConfirmedError("Confirm your email address before creating an organization."));
        }
        var slug = string.IsNullOrWhiteSpace(input.Slug) ? Slug.From(input.Name ?? "") : input.Slug.Trim();
        Organization organization;
        try
        {
            organization = Organization.Create(input.Name ?? "", slug, input.Description, userId, user.Email!, clock.GetUtcNow());
        }
        catch (DomainException e)
        {
            return new CreateOrganizationPayload { Errors = UserError.From<ICreateOrganizationError>(e) };
        }
        if (await db.Organizations.AnyAsync(o => o.Slug == organization.Slug, context.CancellationToken))
        {
            return Failed(new DuplicateError($"The slug '{organization.Slug}' is taken.", "slug"));
        }
        db.Organizations.Add(organization);
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another organization took the slug between the check and the insert: the unique index decided.
            return Failed(new DuplicateError($"The slug '{organization.Slug}' is taken.", "slug"));
        }
        return new CreateOrganizationPayload { Organization = new OrganizationNode(organization) };
    }

    private static CreateOrganizationPayload Failed(IUserError error) => new() { Errors = [UserError.As<ICreateOrganizationError>(error)] };
}
