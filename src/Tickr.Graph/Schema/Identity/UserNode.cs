using Tickr.Data.Identity;
using Tickr.Graph.Schema.Identity.Loaders;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>A person's Tickr account. Only its owner sees it (<c>me</c>, or <c>node(id:)</c> with their own id).</summary>
[GraphQLName("User")]
public sealed class UserNode(TickrUser user) : INode
{
    public const string TypeName = "User";

    internal TickrUser Entity => user;

    /// <summary>The account's global id.</summary>
    public string Id => GlobalId.Encode(TypeName, user.Id);

    /// <summary>The address the account signs in with (lower-case).</summary>
    public string Email => user.Email ?? "";

    /// <summary>The name shown to organizers and on tickets.</summary>
    public string DisplayName => user.DisplayName;

    /// <summary>Preferred language of emails and pages: fr, en or ar.</summary>
    public string Locale => user.Locale;

    /// <summary>Whether the address was confirmed with the emailed token. Organizer actions need it.</summary>
    public bool EmailConfirmed => user.EmailConfirmed;

    /// <summary>Whether sign-in asks for an authenticator code after the password.</summary>
    public bool TwoFactorEnabled => user.TwoFactorEnabled;

    /// <summary>When the account was created.</summary>
    public DateTimeOffset CreatedAt => user.CreatedAt;

    /// <summary>The organizations the user is an active member of, with their role, in the order they joined.</summary>
    public async Task<IReadOnlyList<OrganizationMembership>> GetMembershipsAsync(MembershipsByUserLoader memberships, OrganizationByIdLoader organizations)
    {
        ArgumentNullException.ThrowIfNull(memberships);
        ArgumentNullException.ThrowIfNull(organizations);
        var rows = await memberships.LoadAsync(user.Id);
        var result = new List<OrganizationMembership>();
        foreach (var row in rows)
        {
            if (await organizations.LoadAsync(row.OrganizationId) is { } organization)
            {
                result.Add(new OrganizationMembership(new OrganizationNode(organization), row.Role, row.JoinedAt ?? row.InvitedAt));
            }
        }
        return result;
    }
}
