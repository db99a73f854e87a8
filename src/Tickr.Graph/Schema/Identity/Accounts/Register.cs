using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tickr.Data.Identity;
using Tickr.Domain.Common;
using Tickr.Domain.Identity;
using Tickr.Graph.Auth;
using Tickr.Graph.Email;
using Tickr.Graph.Schema.Errors;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>A new account.</summary>
public sealed class RegisterInput
{
    /// <summary>The address to sign in with; a confirmation token is emailed to it.</summary>
    public required string Email { get; init; }

    /// <summary>At least 10 characters, with a lower-case letter and a digit.</summary>
    public required string Password { get; init; }

    /// <summary>The name shown to organizers and on tickets (at most 120 characters).</summary>
    public required string DisplayName { get; init; }

    /// <summary>Preferred language of emails and pages: fr (default), en or ar.</summary>
    public string? Locale { get; init; }
}

/// <summary>The result of <c>register</c>.</summary>
public sealed class RegisterPayload
{
    /// <summary>The new account (its email is not confirmed yet); null when the registration failed.</summary>
    public UserNode? User { get; init; }

    /// <summary>Why the registration failed; empty on success.</summary>
    public IReadOnlyList<IRegisterError> Errors { get; init; } = [];
}

/// <summary>A reason <c>register</c> failed.</summary>
[UnionType("RegisterError")]
public interface IRegisterError;

/// <summary><c>register</c>.</summary>
[MutationType]
public sealed class RegisterMutation
{
    private static readonly IReadOnlySet<string> Locales = new HashSet<string>(StringComparer.Ordinal) { "fr", "en", "ar" };

    /// <summary>
    /// Creates an account and emails a token to confirm its address (<c>confirmEmail</c>). The account can sign in at
    /// once; organizer actions (creating an organization) wait for the confirmation. Rate limited per client IP.
    /// </summary>
    public async Task<RegisterPayload> RegisterAsync(
        [GraphQLDescription("The account's address, password, name and language.")] RegisterInput input,
        [Service] UserManager<TickrUser> users,
        [Service] AccountEmails emails,
        [Service] AuthRateLimiter limiter,
        [Service] TimeProvider clock,
        IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(emails);
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(context);
        if (limiter.TryAcquire(AuthRateLimitPolicy.Register, "ip:" + context.GetClientAddress()) is { } wait)
        {
            return Failed(IdentityErrors.RateLimited(wait));
        }
        var email = input.Email?.Trim().ToLowerInvariant() ?? "";
        if (!EmailAddress.IsValid(email))
        {
            return Failed(IdentityErrors.InvalidEmail(input.Email));
        }
        var locale = string.IsNullOrWhiteSpace(input.Locale) ? "fr" : input.Locale.Trim().ToLowerInvariant();
        if (!Locales.Contains(locale))
        {
            return Failed(new InvalidInputError("INVALID_VALUE", $"'{input.Locale}' is not a supported locale (fr, en, ar).", "locale"));
        }
        string displayName;
        try
        {
            displayName = Text.Required(input.DisplayName, "displayName", 120);
        }
        catch (DomainException e)
        {
            return Failed(DomainErrors.From(e));
        }

        var now = clock.GetUtcNow();
        var user = new TickrUser
        {
            Id = Guid.CreateVersion7(now),
            UserName = email,
            Email = email,
            DisplayName = displayName,
            Locale = locale,
            CreatedAt = now,
        };
        IdentityResult result;
        try
        {
            result = await users.CreateAsync(user, input.Password ?? "");
        }
        catch (DbUpdateException)
        {
            // Two registrations of one address raced past Identity's check: the unique user-name index decided.
            return Failed(IdentityErrors.EmailTaken());
        }
        if (!result.Succeeded)
        {
            return Failed(IdentityErrors.FromIdentity(result.Errors));
        }

        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        await emails.SendConfirmationAsync(email, displayName, locale, GlobalId.Encode(UserNode.TypeName, user.Id), token, context.CancellationToken);
        return new RegisterPayload { User = new UserNode(user) };
    }

    private static RegisterPayload Failed(IUserError error) => new() { Errors = [UserError.As<IRegisterError>(error)] };
}
