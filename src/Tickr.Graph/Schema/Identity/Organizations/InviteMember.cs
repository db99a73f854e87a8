using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Common;
using Tickr.Domain.Identity;
using Tickr.Graph.Email;
using Tickr.Graph.Schema.Errors;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>Who to invite into an organization, and with which role.</summary>
public sealed class InviteMemberInput
{
    /// <summary>The organization.</summary>
    [ID]
    public required string OrganizationId { get; init; }

    /// <summary>The invitee's email address.</summary>
    public required string Email { get; init; }

    /// <summary>The role the invitee gets. Owners may invite any role; managers only scanners.</summary>
    public required OrganizationRole Role { get; init; }
}

/// <summary>The result of <c>inviteMember</c>.</summary>
public sealed class InviteMemberPayload
{
    /// <summary>The new member (ACTIVE when the address has a confirmed account) or invitation (INVITED); null on failure.</summary>
    public OrganizationMemberNode? Member { get; init; }

    /// <summary>Why the invitation failed; empty on success.</summary>
    public IReadOnlyList<IInviteMemberError> Errors { get; init; } = [];
}

/// <summary>A reason <c>inviteMember</c> failed.</summary>
[UnionType("InviteMemberError")]
public interface IInviteMemberError;

/// <summary><c>inviteMember</c>.</summary>
[MutationType]
public sealed class InviteMemberMutation
{
    /// <summary>
    /// Invites someone into the organization's team by email. An account whose address is confirmed joins at once;
    /// otherwise the invitation waits and is accepted when that address registers and is confirmed (an unconfirmed
    /// account could belong to anyone who typed the address). The invitee is told by email.
    /// </summary>
    public async Task<InviteMemberPayload> InviteMemberAsync(
        [GraphQLDescription("The organization, the address and the role.")] InviteMemberInput input,
        [Service] IDbContextFactory<TickrDbContext> contexts,
        [Service] AccountEmails emails,
        [Service] TimeProvider clock,
        IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(emails);
        ArgumentNullException.ThrowIfNull(context);
        var userId = context.RequireUserId();
        if (!GlobalId.TryDecode(input.OrganizationId, OrganizationNode.TypeName, out var organizationId))
        {
            return Failed(IdentityErrors.NotFound("organization", input.OrganizationId));
        }
        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        var organization = await db.Organizations.Include(o => o.Members)
            .FirstOrDefaultAsync(o => o.Id == organizationId, context.CancellationToken);
        if (organization is null)
        {
            return Failed(IdentityErrors.NotFound("organization", input.OrganizationId));
        }
        if (!await context.GetAccess().CanInviteAsync(organizationId, input.Role, context.CancellationToken))
        {
            return Failed(new NotAuthorizedError(organization.RoleOf(userId) is null
                ? $"Only members of {organization.Name} can invite."
                : $"Your role in {organization.Name} cannot invite a {input.Role.ToString().ToLowerInvariant()}."));
        }
        var email = input.Email?.Trim().ToLowerInvariant() ?? "";
        if (!EmailAddress.IsValid(email))
        {
            return Failed(IdentityErrors.InvalidEmail(input.Email));
        }
        var normalized = email.ToUpperInvariant();
        var invitee = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedEmail == normalized && u.EmailConfirmed)
            .Select(u => (Guid?)u.Id)
            .FirstOrDefaultAsync(context.CancellationToken);
        OrganizationMember member;
        try
        {
            member = organization.Invite(userId, email, input.Role, invitee, clock.GetUtcNow());
            // The member's key is set by the domain: without this EF would take it for an existing row to update.
            db.OrganizationMembers.Add(member);
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DomainException e)
        {
            return new InviteMemberPayload { Errors = UserError.From<IInviteMemberError>(e) };
        }
        catch (DbUpdateException)
        {
            // A concurrent invitation of the same address won the unique index.
            return Failed(new DuplicateError($"{email} is already a member or invited.", "email"));
        }
        await emails.SendInvitationAsync(email, organization.Name, input.Role.ToString().ToLowerInvariant(), invitee is not null, context.CancellationToken);
        return new InviteMemberPayload { Member = new OrganizationMemberNode(member) };
    }

    private static InviteMemberPayload Failed(IUserError error) => new() { Errors = [UserError.As<IInviteMemberError>(error)] };
}
