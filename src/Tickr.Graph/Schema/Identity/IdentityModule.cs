using Tickr.Graph.Schema.Errors;
using Tickr.Graph.Schema.Identity.Loaders;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Execution.DataLoader;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>Accounts, sign-in, organizations and their teams, partner API keys.</summary>
public sealed class IdentityModule : ISchemaModule
{
    public void Configure(SchemaBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder
            // Payload errors implement the Error interface: clients can always select `code` and `message`.
            .AddType<IUserError>()
            .AddTypeExtension<MeQueries>()
            .AddTypeExtension<OrganizationQueries>()
            .AddTypeExtension<OrganizationTeam>()
            // Accounts
            .AddTypeExtension<RegisterMutation>()
            .AddTypeExtension<ConfirmEmailMutation>()
            .AddTypeExtension<RequestEmailConfirmationMutation>()
            .AddTypeExtension<RequestPasswordResetMutation>()
            .AddTypeExtension<ResetPasswordMutation>()
            // Sessions
            .AddTypeExtension<LoginMutation>()
            .AddTypeExtension<CompleteTwoFactorLoginMutation>()
            .AddTypeExtension<RefreshTokenMutation>()
            .AddTypeExtension<LogoutMutation>()
            // Two-factor sign-in
            .AddTypeExtension<BeginTwoFactorSetupMutation>()
            .AddTypeExtension<EnableTwoFactorMutation>()
            .AddTypeExtension<DisableTwoFactorMutation>()
            // Organizations and partners
            .AddTypeExtension<CreateOrganizationMutation>()
            .AddTypeExtension<InviteMemberMutation>()
            .AddTypeExtension<CreateApiKeyMutation>()
            .AddTypeExtension<RevokeApiKeyMutation>();
    }

    public void RegisterNodes(NodeTypes nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        nodes
            .Add(OrganizationNode.TypeName, async (context, id) =>
                await context.DataLoader<OrganizationByIdLoader>().LoadAsync(id) is { } o ? new OrganizationNode(o) : null)
            // An account is visible to itself only: anyone else gets null, as for an id that does not exist.
            .Add(UserNode.TypeName, async (context, id) =>
                context.GetAccess().Actor.UserId == id
                && await context.DataLoader<UserByIdLoader>().LoadAsync(id) is { } u
                    ? new UserNode(u)
                    : null)
            .Add(ApiKeyNode.TypeName, async (context, id) =>
                await context.DataLoader<ApiKeyByIdLoader>().LoadAsync(id) is { } k
                && await context.GetAccess().CanManageApiKeysAsync(k.OrganizationId, context.CancellationToken)
                    ? new ApiKeyNode(k)
                    : null);
    }
}
