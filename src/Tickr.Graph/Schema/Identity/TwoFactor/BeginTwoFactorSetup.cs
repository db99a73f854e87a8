using Microsoft.AspNetCore.Identity;
using Tickr.Data.Identity;
using Tickr.Graph.Schema.Errors;
using Tickr.GraphQL;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>The result of <c>beginTwoFactorSetup</c>: what the authenticator app needs.</summary>
public sealed class BeginTwoFactorSetupPayload
{
    /// <summary>The authenticator key (base32, in groups of four) for apps where it is typed by hand.</summary>
    public string? SharedKey { get; init; }

    /// <summary>The <c>otpauth://totp/…</c> URI; show it as a QR code for the app to scan.</summary>
    public string? AuthenticatorUri { get; init; }

    /// <summary>Why the setup could not begin; empty otherwise.</summary>
    public IReadOnlyList<IBeginTwoFactorSetupError> Errors { get; init; } = [];
}

/// <summary>A reason <c>beginTwoFactorSetup</c> failed.</summary>
[UnionType("BeginTwoFactorSetupError")]
public interface IBeginTwoFactorSetupError;

/// <summary><c>beginTwoFactorSetup</c>.</summary>
[MutationType]
public sealed class BeginTwoFactorSetupMutation
{
    /// <summary>
    /// First step of two-factor sign-in (recommended for organizer accounts): generates a new authenticator key for
    /// the signed-in user. Add it to an authenticator app, then confirm with <c>enableTwoFactor</c> and a code from the
    /// app. Takes no input: it always acts on the signed-in user.
    /// </summary>
    public async Task<BeginTwoFactorSetupPayload> BeginTwoFactorSetupAsync([Service] UserManager<TickrUser> users, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(context);
        var user = await IdentityErrors.RequireUserAsync(users, context);
        if (user.TwoFactorEnabled)
        {
            return new BeginTwoFactorSetupPayload
            {
                Errors = [UserError.As<IBeginTwoFactorSetupError>(new InvalidStatusError("Two-factor sign-in is already enabled: disable it first to change the authenticator."))],
            };
        }
        await users.ResetAuthenticatorKeyAsync(user);
        var key = await users.GetAuthenticatorKeyAsync(user)
            ?? throw new GraphQLException("No authenticator key could be generated.", ErrorCodes.Unexpected);
        return new BeginTwoFactorSetupPayload { SharedKey = TwoFactorCodes.Grouped(key), AuthenticatorUri = TwoFactorCodes.AuthenticatorUri(user.Email ?? "", key) };
    }
}
