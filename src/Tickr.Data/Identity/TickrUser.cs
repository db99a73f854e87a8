using Microsoft.AspNetCore.Identity;

namespace Tickr.Data.Identity;

/// <summary>
/// A person's account. ASP.NET Core Identity keeps the credentials (password hash, lockout, security stamp,
/// authenticator key); Tickr adds a display name. Organizations are reached through memberships.
/// </summary>
public sealed class TickrUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Preferred language of emails and pages: fr, en or ar.</summary>
    public string Locale { get; set; } = "fr";
}

/// <summary>A platform-wide role (e.g. <c>admin</c>); organization roles live in memberships, not here.</summary>
public sealed class TickrRole : IdentityRole<Guid>
{
    public const string Admin = "admin";
}
