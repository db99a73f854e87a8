using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Data.Identity;
using Tickr.Domain.Identity;
using Tickr.Graph.Schema.Errors;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>The emailed confirmation token, and the account it belongs to (by id or by email address).</summary>
public sealed class ConfirmEmailInput
{
    /// <summary>The account's id (as in the emailed link). Give this or <c>email</c>.</summary>
    [ID]
    public string? UserId { get; init; }

    /// <summary>The account's email address. Give this or <c>userId</c>.</summary>
    public string? Email { get; init; }

    /// <summary>The token from the confirmation email.</summary>
    public required string Token { get; init; }
}

/// <summary>The result of <c>confirmEmail</c>.</summary>
public sealed class ConfirmEmailPayload
{
    /// <summary>The account, its address now confirmed; null when the confirmation failed.</summary>
    public UserNode? User { get; init; }

    /// <summary>Why the confirmation failed; empty on success.</summary>
    public IReadOnlyList<IConfirmEmailError> Errors { get; init; } = [];
}

/// <summary>A reason <c>confirmEmail</c> failed.</summary>
[UnionType("ConfirmEmailError")]
public interface IConfirmEmailError;

/// <summary><c>confirmEmail</c>.</summary>
[MutationType]
public sealed class ConfirmEmailMutation
{
    /// <summary>
    /// Confirms the account's address with the emailed token. Invitations to organizations waiting for this address
    /// are accepted in the same transaction: the user is a member when this returns.
    /// </summary>
    public async Task<ConfirmEmailPayload> ConfirmEmailAsync(
        [GraphQLDescription("The account and the token.")] ConfirmEmailInput input,
        [Service] UserManager<TickrUser> users,
        [Service] TickrDbContext db,
        [Service] TimeProvider clock,
        IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(context);
        if ((input.UserId is null) == (input.Email is null))
        {
            return Failed(new InvalidInputError("INVALID_VALUE", "Give exactly one of userId and email.", "userId"));
        }
        TickrUser? user = null;
        if (input.UserId is not null)
        {
            if (GlobalId.TryDecode(input.UserId, UserNode.TypeName, out var id))
            {
                user = await users.FindByIdAsync(id.ToString());
            }
        }
        else if (!string.IsNullOrWhiteSpace(input.Email))
        {
            user = await users.FindByEmailAsync(input.Email.Trim());
        }
        if (user is null)
        {
            // Same answer as a wrong token: the mutation tells nothing about which accounts exist.
            return Failed(IdentityErrors.InvalidToken());
        }

        // `db` is the request's context, the one Identity's user store writes through: the confirmation and the
        // accepted invitations commit together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        var result = await users.ConfirmEmailAsync(user, input.Token ?? "");
        if (!result.Succeeded)
        {
            return Failed(IdentityErrors.InvalidToken());
        }
        var now = clock.GetUtcNow();
        var invitations = await db.OrganizationMembers
            .Where(m => m.Email == user.Email && m.Status == MembershipStatus.Invited)
            .ToListAsync(context.CancellationToken)
            ;
        foreach (var invitation in invitations)
        {
            invitation.Accept(user.Id, now);
        }
        await db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
        return new ConfirmEmailPayload { User = new UserNode(user) };
    }

    private static ConfirmEmailPayload Failed(IUserError error) => new() { Errors = [UserError.As<IConfirmEmailError>(error)] };
}
